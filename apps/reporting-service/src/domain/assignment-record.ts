/**
 * One assignment of a request as the reporting model keeps it: who asked whom, when, and how the
 * recipient's clock ran. Built only from the rfi-service's events, which carry routing metadata
 * and never a body, so the model cannot hold what need-to-know hides.
 *
 * Times are counted on the recipient's clock: the time it stood while the requester was asked for
 * a clarification is not the recipient's, so it is taken out of the time to respond (as the
 * rfi-service moves the due time by it).
 */
export interface AssignmentRecord {
  assignmentId: string;
  rfiId: string;
  requesterParty: string;
  recipientParty: string;
  /** Held by a liaison officer of the requester's party posted with the recipient, not by the party. */
  viaOfficer: boolean;
  priority: string;
  topics: string[];
  assignedAt: Date;
  dueAt: Date;
  acknowledgedAt: Date | null;
  respondedAt: Date | null;
  declinedAt: Date | null;
  /** The request ended (closed, withdrawn, rejected) or the assignment was closed on a handover. */
  closedAt: Date | null;
  pausedSince: Date | null;
  /** Time the clock stood, up to the first response or refusal. */
  pausedMs: number;
  escalationLevel: number;
  /** Whether the first response came by the due time as it then stood; null until one comes. */
  respondedOnTime: boolean | null;
}

/** What an event says happened to an assignment, in the reporting model's words. */
export type AssignmentFact =
  | { kind: 'ACKNOWLEDGED'; at: Date }
  | { kind: 'RESPONDED'; at: Date; dueAt: Date }
  | { kind: 'DECLINED'; at: Date }
  | { kind: 'CLOCK_STOPPED'; at: Date; dueAt: Date }
  | { kind: 'CLOCK_RESUMED'; at: Date; dueAt: Date }
  | { kind: 'ESCALATED'; at: Date; level: number }
  | { kind: 'HANDED_TO_FOCAL_POINT'; at: Date }
  | { kind: 'CLOSED'; at: Date };

export function newAssignmentRecord(
  assignment: Pick<
    AssignmentRecord,
    | 'assignmentId'
    | 'rfiId'
    | 'requesterParty'
    | 'recipientParty'
    | 'viaOfficer'
    | 'priority'
    | 'topics'
    | 'assignedAt'
    | 'dueAt'
  >,
): AssignmentRecord {
  return {
    ...assignment,
    acknowledgedAt: null,
    respondedAt: null,
    declinedAt: null,
    closedAt: null,
    pausedSince: null,
    pausedMs: 0,
    escalationLevel: 0,
    respondedOnTime: null,
  };
}

/**
 * The record after `fact`. Only the first acknowledgement, response and refusal count (later
 * responses add to the first; the rfi-service announces each), a response acknowledges too, and
 * an answer or a refusal resumes a stopped clock, as it does in the rfi-service.
 */
export function applyFact(record: AssignmentRecord, fact: AssignmentFact): AssignmentRecord {
  switch (fact.kind) {
    case 'ACKNOWLEDGED':
      return { ...record, acknowledgedAt: record.acknowledgedAt ?? fact.at };
    case 'RESPONDED':
      if (record.respondedAt) return record;
      return {
        ...resumed(record, fact.at),
        acknowledgedAt: record.acknowledgedAt ?? fact.at,
        respondedAt: fact.at,
        dueAt: fact.dueAt,
        respondedOnTime: fact.at.getTime() <= fact.dueAt.getTime(),
      };
    case 'DECLINED':
      if (record.declinedAt || record.respondedAt) return record;
      return { ...resumed(record, fact.at), declinedAt: fact.at };
    case 'CLOCK_STOPPED':
      return { ...record, pausedSince: record.pausedSince ?? fact.at, dueAt: fact.dueAt };
    case 'CLOCK_RESUMED':
      return { ...resumed(record, fact.at), dueAt: fact.dueAt };
    case 'ESCALATED':
      return { ...record, escalationLevel: Math.max(record.escalationLevel, fact.level) };
    case 'HANDED_TO_FOCAL_POINT':
      return { ...record, viaOfficer: false };
    case 'CLOSED':
      return record.closedAt ? record : { ...resumed(record, fact.at), closedAt: fact.at };
  }
}

function resumed(record: AssignmentRecord, at: Date): AssignmentRecord {
  if (!record.pausedSince) return record;
  const stood = Math.max(0, at.getTime() - record.pausedSince.getTime());
  return { ...record, pausedSince: null, pausedMs: record.pausedMs + stood };
}

/** Still waiting for the recipient: neither answered, refused nor closed. */
export function isOpen(record: AssignmentRecord): boolean {
  return !record.respondedAt && !record.declinedAt && !record.closedAt;
}

/** Overdue now: open, its clock running, and past its due time. */
export function isOverdue(record: AssignmentRecord, now: Date): boolean {
  return isOpen(record) && !record.pausedSince && now.getTime() > record.dueAt.getTime();
}

/** Time from assignment to the first response on the recipient's clock, or null. */
export function timeToRespondMs(record: AssignmentRecord): number | null {
  if (!record.respondedAt) return null;
  return record.respondedAt.getTime() - record.assignedAt.getTime() - record.pausedMs;
}

/** Time from assignment to acknowledgement (a response acknowledges too), or null. */
export function timeToAcknowledgeMs(record: AssignmentRecord): number | null {
  if (!record.acknowledgedAt) return null;
  return record.acknowledgedAt.getTime() - record.assignedAt.getTime();
}
