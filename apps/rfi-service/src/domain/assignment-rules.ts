import {
  Actor,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  Priority,
  ValidationFailedError,
} from '@bp/domain-kernel';
import { Assignment } from './assignment';
import { AssignmentErrors, RfiErrors } from './rfi-errors';
import { RfiChange } from './rfi-change';
import { RfiActor } from './need-to-know';
import { Recipient, RfiEnvironment } from './rfi-inputs';

/** What the assignment rules need of the RFI they are applied to. */
export interface AssignmentHolder {
  id: string;
  requesterParty: string;
  priority: Priority;
  assignments: Assignment[];
  isRequester(actor: Actor): boolean;
  assignmentsOf(actor: RfiActor): Assignment[];
}

/** Keeps a change on the RFI the rules are applied to. */
type Recorder = (change: RfiChange) => void;

/** Recipients the secretariat names: someone other than the requester, each new and named once. */
export function checkNewRecipients(rfi: AssignmentHolder, recipients: Recipient[]): void {
  if (!recipients.length)
    throw new ValidationFailedError(RfiErrors.RECIPIENT_REQUIRED, 'Name at least one recipient', [
      { field: 'recipients', message: 'must not be empty' },
    ]);
  for (const [i, recipient] of recipients.entries()) {
    if (recipient.party === rfi.requesterParty && recipient.officerId === null) {
      throw new ValidationFailedError(
        RfiErrors.RECIPIENT_IS_REQUESTER,
        'The requester cannot be a recipient',
        [{ field: `recipients[${i}].party`, message: 'is the requesting party' }],
      );
    }
    if (
      rfi.assignments.some(
        (a) => a.recipientParty === recipient.party && a.officerId === recipient.officerId,
      )
    ) {
      throw new ConflictError(
        AssignmentErrors.ALREADY_ASSIGNED,
        `${recipient.officerId ? `Officer ${recipient.officerId}` : recipient.party} already has this request`,
      );
    }
  }
  const keys = recipients.map((r) => `${r.party}/${r.officerId ?? ''}`);
  if (new Set(keys).size !== keys.length)
    throw new ValidationFailedError(RfiErrors.RECIPIENT_REPEATED, 'A recipient is named twice', [
      { field: 'recipients', message: 'must be unique' },
    ]);
}

/**
 * A bilateral request goes at once to the target's focal point, and to the requester's officers on
 * post there: nobody needs to triage a one-to-one request. Each officer once: the postings the
 * service has heard of may briefly show an officer on two (the new one's start heard before the old
 * one's end, from another partition), and an officer holds one assignment of a request.
 */
export function bilateralRecipients(
  target: string,
  officersOnPost: readonly { officerId: string; postingId: string }[],
): Recipient[] {
  const onePostingEach = new Map(officersOnPost.map((officer) => [officer.officerId, officer]));
  return [
    { party: target, officerId: null, postingId: null },
    ...[...onePostingEach.values()].map(({ officerId, postingId }) => ({
      party: target,
      officerId,
      postingId,
    })),
  ];
}

/** One new assignment per recipient, listed after those the RFI already has. */
export function openAssignments(
  rfi: AssignmentHolder,
  recipients: Recipient[],
  env: RfiEnvironment,
): Assignment[] {
  return recipients.map((recipient, i) =>
    Assignment.open({
      id: env.newId(),
      rfiId: rfi.id,
      recipientParty: recipient.party,
      officerId: recipient.officerId,
      postingId: recipient.postingId ?? null,
      ordinal: rfi.assignments.length + i,
      priority: rfi.priority,
      now: env.now,
      responseTimes: env.responseTimes,
    }),
  );
}

/** A routing as the history keeps it: who routed, with which note, to whom and due when. */
export function routingChange(
  created: readonly Assignment[],
  { by, note, actor, now }: { by: string; note: string | null; actor: Actor; now: Date },
): RfiChange {
  const recipients = created.map((a) => ({
    assignmentId: a.id,
    party: a.recipientParty,
    officerId: a.officerId,
    dueAt: a.dueAt.toISOString(),
  }));
  return { action: 'ROUTED', at: now, actor, details: { by, note, recipients } };
}

/** A recipient's step on its own assignment, as the history keeps it. */
export function assignmentChange(
  action: 'ACKNOWLEDGED' | 'DECLINED',
  assignment: Assignment,
  actor: RfiActor,
  now: Date,
): RfiChange {
  const details = { recipientParty: assignment.recipientParty };
  return { action, at: now, actor, assignmentId: assignment.id, details };
}

/** The actor's own assignment `assignmentId`, which it is about to `verb`. */
export function ownAssignment(
  rfi: AssignmentHolder,
  actor: RfiActor,
  assignmentId: string,
  verb: string,
): Assignment {
  const assignment = rfi.assignmentsOf(actor).find((a) => a.id === assignmentId);
  if (!assignment) {
    // Those who see every assignment (requester, secretariat) may not act on it: 403. For anyone
    // else another recipient's assignment does not exist: 404, as for an id that never did.
    const seesAll = rfi.isRequester(actor) || actor.role === 'secretariat';
    if (seesAll && rfi.assignments.some((a) => a.id === assignmentId))
      throw new ForbiddenError(
        AssignmentErrors.NOT_RECIPIENT,
        `Only the recipient may ${verb} this assignment`,
      );
    throw new NotFoundError(
      AssignmentErrors.NOT_FOUND,
      `No assignment ${assignmentId} on this request`,
    );
  }
  return assignment;
}

/**
 * An officer's posting ended: nothing may stay assigned to them. Each open assignment passes to the
 * focal point of the party it addresses, or, where that focal point already has one, is closed
 * with a handover note.
 */
export function handOver(
  rfi: AssignmentHolder,
  officerId: string,
  postingId: string,
  now: Date,
  record: Recorder,
): Assignment[] {
  const handed: Assignment[] = [];
  // Only the ended posting's work: its "ended" event may arrive after a later posting's work came.
  // Work under no known posting (older than postings on assignments) the officer cannot see, so
  // it passes on with the first posting that ends rather than be held by nobody.
  const endedWork = rfi.assignments.filter(
    (a) =>
      a.officerId === officerId && (a.postingId === postingId || a.postingId === null) && a.isOpen,
  );
  for (const assignment of endedWork) {
    const party = assignment.recipientParty;
    const note = `The officer's posting ended; handed over to the focal point of ${party}`;
    if (rfi.assignments.some((a) => a.recipientParty === party && a.officerId === null)) {
      assignment.decline(note, now);
    } else {
      assignment.officerId = null;
      assignment.postingId = null;
    }
    handed.push(assignment);
    record({
      action: 'HANDED_OVER',
      at: now,
      actor: null,
      assignmentId: assignment.id,
      details: { officerId, toParty: party, note },
    });
  }
  return handed;
}

/**
 * Reminds the holders of open assignments that have used `share` of their time, once each
 * (Assignment.remindDueSoon); returns those reminded now.
 */
export function remindDueSoon(
  rfi: AssignmentHolder,
  now: Date,
  share: number,
  record: Recorder,
): Assignment[] {
  const reminded = rfi.assignments.filter((a) => a.remindDueSoon(now, share));
  for (const assignment of reminded)
    record({
      action: 'DUE_SOON',
      at: now,
      actor: null,
      assignmentId: assignment.id,
      details: { recipientParty: assignment.recipientParty, dueAt: assignment.dueAt.toISOString() },
    });
  return reminded;
}

/** Marks assignments past their escalation step, one change per level passed; returns those whose level rose. */
export function escalate(
  rfi: AssignmentHolder,
  now: Date,
  stepMs: (priority: Priority) => number,
  record: Recorder,
): Assignment[] {
  const raised: Assignment[] = [];
  for (const assignment of rfi.assignments) {
    if (!assignment.isOverdue(now) || assignment.escalationLevel >= 3) continue;
    const late = now.getTime() - assignment.dueAt.getTime();
    const level = Math.min(3, 1 + Math.floor(late / stepMs(rfi.priority)));
    if (level <= assignment.escalationLevel) continue;
    // Every level passed is recorded, also when one scan finds several passed at once (a late
    // scan, a service that was down): each level tells someone else, and nobody may be skipped.
    for (let passed = assignment.escalationLevel + 1; passed <= level; passed++)
      record({
        action: 'OVERDUE',
        at: now,
        actor: null,
        assignmentId: assignment.id,
        details: { escalationLevel: passed, recipientParty: assignment.recipientParty },
      });
    assignment.escalationLevel = level;
    raised.push(assignment);
  }
  return raised;
}
