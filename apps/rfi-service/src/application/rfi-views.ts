import { RfiActor } from '../domain/need-to-know';
import { Assignment } from '../domain/assignment';
import { InformationRequest } from '../domain/information-request';
import {
  MessageVisibility,
  Relation,
  canReadBodies,
  messageVisibility,
} from '../domain/need-to-know';
import { RfiMessage } from '../domain/rfi-message';
import { ChainVerdict } from '../domain/history-chain';
import { HistoryEntry } from '../domain/history-visibility';

/** The assignments a relation may see: requester and secretariat all, a recipient its own. */
export function visibleAssignments(
  rfi: InformationRequest,
  actor: RfiActor,
  relation: Relation,
): Assignment[] {
  if (relation === 'REQUESTER' || relation === 'SECRETARIAT') return rfi.assignments;
  return rfi.assignmentsOf(actor);
}

export function assignmentView(assignment: Assignment, now: Date, freeText = true) {
  return {
    id: assignment.id,
    recipientParty: assignment.recipientParty,
    officerId: assignment.officerId,
    status: assignment.status,
    assignedAt: assignment.assignedAt.toISOString(),
    dueAt: assignment.dueAt.toISOString(),
    overdue: assignment.isOverdue(now),
    clockPaused: assignment.pausedSince !== null,
    acknowledgedAt: assignment.acknowledgedAt?.toISOString() ?? null,
    respondedAt: assignment.respondedAt?.toISOString() ?? null,
    declinedAt: assignment.declinedAt?.toISOString() ?? null,
    declineReason: freeText ? assignment.declineReason : null,
    escalationLevel: assignment.escalationLevel,
  };
}

export type RfiView = ReturnType<typeof rfiView>;

/** What the caller can see change: its own count of changes and the time of the last one. */
export interface SeenVersion {
  version: number;
  updatedAt: Date | null;
}

export function rfiView(
  rfi: InformationRequest,
  actor: RfiActor,
  relation: Relation,
  now: Date,
  seen: SeenVersion,
) {
  // Free text (notes, reasons, outcome) is withheld exactly where bodies are: from the secretariat
  // on a METADATA_ONLY request; only its own words (a rejection reason) stay readable.
  const readable = canReadBodies(relation, rfi);
  const mine = visibleAssignments(rfi, actor, relation);
  const seesRouting = relation === 'REQUESTER' || relation === 'SECRETARIAT';
  // A recipient learns when and to whom the request was first routed only where that was itself:
  // a bilateral request forwarded to another party must not name the party asked first.
  const soleTarget =
    rfi.channel === 'BILATERAL' &&
    mine.length > 0 &&
    mine.every((a) => a.recipientParty === rfi.targetParties[0]);
  return {
    id: rfi.id,
    reference: rfi.reference,
    requesterParty: rfi.requesterParty,
    title: rfi.title,
    question: readable ? rfi.question : null,
    bodyWithheld: !readable,
    topics: rfi.topics,
    priority: rfi.priority,
    channel: rfi.channel,
    // Suggested recipients are the requester's and the secretariat's business.
    targetParties: seesRouting || soleTarget ? rfi.targetParties : [],
    handlingCode: rfi.handlingCode,
    handlingNote: readable ? rfi.handlingNote : null,
    secretariatAccess: rfi.secretariatAccess,
    language: rfi.language,
    status: rfi.status,
    createdAt: rfi.createdAt.toISOString(),
    updatedAt: (seen.updatedAt ?? rfi.createdAt).toISOString(),
    submittedAt: rfi.submittedAt?.toISOString() ?? null,
    routedAt:
      seesRouting || soleTarget ? (rfi.routedAt?.toISOString() ?? null) : firstAssigned(mine),
    closedAt: rfi.closedAt?.toISOString() ?? null,
    outcome: readable ? rfi.outcome : null,
    // The secretariat's own words: it gave the reason.
    rejectionReason: rfi.rejectionReason,
    withdrawalReason: readable ? rfi.withdrawalReason : null,
    version: seen.version,
    assignments: mine.map((a) => assignmentView(a, now, readable)),
  };
}

/** When the request reached the caller: the first of its own assignments. */
function firstAssigned(assignments: Assignment[]): string | null {
  const times = assignments.map((a) => a.assignedAt.getTime());
  return times.length ? new Date(Math.min(...times)).toISOString() : null;
}

export function messageView(message: RfiMessage, visibility: Exclude<MessageVisibility, 'HIDDEN'>) {
  const full = visibility === 'FULL';
  return {
    id: message.id,
    kind: message.kind,
    assignmentId: message.assignmentId,
    author: { party: message.authorParty, role: message.authorRole },
    body: full ? message.body : null,
    bodyWithheld: !full,
    handlingCode: message.handlingCode,
    handlingNote: full ? message.handlingNote : null,
    grading:
      message.sourceReliability && message.accuracy
        ? { sourceReliability: message.sourceReliability, accuracy: message.accuracy }
        : null,
    releasability: message.releasability,
    postedAt: message.postedAt.toISOString(),
  };
}

/** The thread as far as the caller may read it: hidden entries are left out, withheld ones show that they exist. */
export function threadView(
  messages: RfiMessage[],
  rfi: InformationRequest,
  actor: RfiActor,
  relation: Relation,
) {
  return messages.flatMap((message) => {
    const visibility = messageVisibility(actor, relation, rfi, message);
    return visibility === 'HIDDEN' ? [] : [messageView(message, visibility)];
  });
}

/** Every recipient's responses side by side, each shown only as far as its releasability allows. */
export function compilationView(
  rfi: InformationRequest,
  messages: RfiMessage[],
  actor: RfiActor,
  relation: Relation,
  now: Date,
) {
  const responses = messages.filter((message) => message.kind === 'RESPONSE');
  return {
    rfiId: rfi.id,
    reference: rfi.reference,
    status: rfi.status,
    recipients: rfi.assignments.map((assignment) => ({
      ...assignmentView(assignment, now, canReadBodies(relation, rfi)),
      responses: responses
        .filter((message) => message.assignmentId === assignment.id)
        .map((message) => {
          const visibility = messageVisibility(actor, relation, rfi, message);
          return messageView(message, visibility === 'HIDDEN' ? 'METADATA' : visibility);
        }),
    })),
  };
}

/**
 * A history line as the API shows it. Internal user ids are for those who oversee the request (its
 * requester, the secretariat) and for the caller's own lines; others see who by name and party.
 */
export function historyEntryView(entry: HistoryEntry, caller: RfiActor, relation: Relation) {
  const showsIds =
    relation === 'REQUESTER' || relation === 'SECRETARIAT' || entry.actor?.userId === caller.userId;
  return {
    at: entry.at.toISOString(),
    action: entry.action,
    actor:
      entry.actor && !showsIds
        ? { username: entry.actor.username, role: entry.actor.role, party: entry.actor.party }
        : entry.actor,
    assignmentId: entry.assignmentId,
    details: entry.details,
  };
}

/**
 * What a caller learns from checking the history's chain (domain/history-chain.ts): the secretariat
 * all of it; the requester whether the history holds, and where it broke only when that line is
 * one of those its own history shows, so the check tells nothing of lines kept from it.
 */
export function historyCheckView(
  verdict: ChainVerdict,
  relation: Relation,
  visible: readonly HistoryEntry[],
) {
  const broken = verdict.firstBroken;
  const line = broken ? visible.find((entry) => entry.position === broken.position) : undefined;
  const where = line ? { at: line.at.toISOString(), action: line.action } : {};
  if (relation === 'SECRETARIAT')
    return {
      intact: verdict.intact,
      lines: verdict.lines,
      firstBroken: broken ? { seq: broken.seq, reason: broken.reason, ...where } : null,
    };
  return {
    intact: verdict.intact,
    firstBroken: broken && line ? { reason: broken.reason, ...where } : null,
  };
}
