import {
  Accuracy,
  Actor,
  ForbiddenError,
  HandlingCode,
  MessageKind,
  Releasability,
  SourceReliability,
  ValidationFailedError,
} from '@bp/domain-kernel';
import { Assignment } from './assignment';
import { RfiMessage } from './rfi-message';
import { RfiChange } from './rfi-change';
import { MessageErrors } from './rfi-errors';

/** What the thread rules need to know of the RFI they are applied to. */
export interface ThreadOwner {
  id: string;
  assignments: readonly { id: string }[];
  isRequester(actor: Actor): boolean;
  assignmentsOf(actor: Actor): readonly { id: string }[];
}

export interface MessageInput {
  kind: MessageKind;
  body: string;
  handlingCode: HandlingCode;
  handlingNote?: string | null;
  assignmentId?: string | null;
  grading?: { sourceReliability: SourceReliability; accuracy: Accuracy } | null;
  releasability?: Releasability | null;
}

export type MessageEffect = 'RESPONDED' | 'CLARIFICATION_REQUESTED' | 'CLARIFIED' | 'NOTE_ADDED';

const EFFECT: Record<MessageKind, MessageEffect> = {
  RESPONSE: 'RESPONDED',
  CLARIFICATION_REQUEST: 'CLARIFICATION_REQUESTED',
  CLARIFICATION: 'CLARIFIED',
  NOTE: 'NOTE_ADDED',
};

/**
 * Who may post which kind of message: recipients respond and ask for clarification on their own
 * assignment, the requester clarifies, the secretariat adds internal notes. Grading and
 * releasability belong to responses only.
 */
export function composeMessage(
  rfi: ThreadOwner,
  actor: Actor,
  input: MessageInput,
  env: { now: Date; newId: () => string },
): { message: RfiMessage; effect: MessageEffect } {
  const fieldErrors: { field: string; message: string }[] = [];
  if (!input.body.trim()) fieldErrors.push({ field: 'body', message: 'must not be empty' });
  if (input.handlingCode === 'H3' && !input.handlingNote?.trim())
    fieldErrors.push({ field: 'handlingNote', message: 'required with handling code H3' });
  if (input.kind !== 'RESPONSE' && input.grading)
    fieldErrors.push({ field: 'grading', message: 'only a response is graded' });
  if (input.kind !== 'RESPONSE' && input.releasability)
    fieldErrors.push({ field: 'releasability', message: 'only a response has a releasability' });
  if (fieldErrors.length)
    throw new ValidationFailedError(MessageErrors.INVALID, 'The message is not valid', fieldErrors);

  let assignmentId: string | null = null;
  switch (input.kind) {
    case 'NOTE':
      if (actor.role !== 'secretariat')
        throw new ForbiddenError(
          MessageErrors.NOTE_SECRETARIAT_ONLY,
          'Only the secretariat adds internal notes',
        );
      if (input.assignmentId)
        throw new ValidationFailedError(
          MessageErrors.NOTE_ON_ASSIGNMENT,
          'A note is about the whole request',
          [{ field: 'assignmentId', message: 'not allowed on a note' }],
        );
      break;
    case 'CLARIFICATION':
      if (!rfi.isRequester(actor))
        throw new ForbiddenError(
          MessageErrors.NOT_REQUESTER,
          'Only the requesting party clarifies its request',
        );
      if (input.assignmentId) {
        if (!rfi.assignments.some((a) => a.id === input.assignmentId)) {
          throw new ValidationFailedError(MessageErrors.ASSIGNMENT_UNKNOWN, 'No such assignment', [
            { field: 'assignmentId', message: 'is not an assignment of this request' },
          ]);
        }
        assignmentId = input.assignmentId;
      }
      break;
    case 'RESPONSE':
    case 'CLARIFICATION_REQUEST':
      assignmentId = ownAssignmentFor(rfi, actor, input);
      break;
  }
  const message = RfiMessage.create({
    id: env.newId(),
    rfiId: rfi.id,
    assignmentId,
    kind: input.kind,
    authorUserId: actor.userId,
    authorRole: actor.role,
    authorParty: actor.party,
    body: input.body.trim(),
    handlingCode: input.handlingCode,
    handlingNote: input.handlingNote?.trim() || null,
    sourceReliability: input.grading?.sourceReliability ?? null,
    accuracy: input.grading?.accuracy ?? null,
    releasability: input.kind === 'RESPONSE' ? (input.releasability ?? 'REQUESTER') : null,
    postedAt: env.now,
  });
  return { message, effect: EFFECT[input.kind] };
}

/**
 * What a posted message means for the assignments and their clocks: a response answers its
 * assignment, a clarification request stops its clock, a clarification restarts it (or all of
 * them). Returns the change to record; refuses before anything changed where the assignment cannot
 * take the message.
 */
export function applyMessage(
  assignments: readonly Assignment[],
  { message, effect }: { message: RfiMessage; effect: MessageEffect },
  actor: Actor,
  now: Date,
): RfiChange {
  const assignment = message.assignmentId
    ? assignments.find((a) => a.id === message.assignmentId)
    : undefined;
  const assignmentId = assignment?.id;
  switch (effect) {
    case 'RESPONDED':
    case 'CLARIFICATION_REQUESTED':
      if (effect === 'RESPONDED') assignment!.respond(now);
      else assignment!.awaitClarification(now);
      return {
        action: effect,
        at: now,
        actor,
        assignmentId,
        details: { messageId: message.id, recipientParty: assignment!.recipientParty },
      };
    case 'CLARIFIED':
      for (const target of assignment ? [assignment] : assignments)
        target.clarificationReceived(now);
      return {
        action: 'CLARIFIED',
        at: now,
        actor,
        assignmentId,
        details: { messageId: message.id },
      };
    case 'NOTE_ADDED':
      return { action: 'NOTE_ADDED', at: now, actor, details: { messageId: message.id } };
  }
}

function ownAssignmentFor(rfi: ThreadOwner, actor: Actor, input: MessageInput): string {
  const own = rfi.assignmentsOf(actor);
  if (!own.length)
    throw new ForbiddenError(
      MessageErrors.NOT_RECIPIENT,
      'Only a recipient of this request may respond or ask for clarification',
    );
  if (input.assignmentId) {
    if (!own.some((a) => a.id === input.assignmentId))
      throw new ForbiddenError(MessageErrors.ASSIGNMENT_NOT_OWN, 'That assignment is not yours');
    return input.assignmentId;
  }
  if (own.length > 1)
    throw new ValidationFailedError(
      MessageErrors.ASSIGNMENT_REQUIRED,
      'Say which of your assignments this is about',
      [{ field: 'assignmentId', message: 'required' }],
    );
  return own[0]!.id;
}
