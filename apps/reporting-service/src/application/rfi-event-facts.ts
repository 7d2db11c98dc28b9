import {
  AssignmentEventRef,
  EventEnvelope,
  RfiAssignmentEventData,
  RfiClarifiedData,
  RfiEventData,
  RfiEvents,
  RfiOverdueData,
  RfiRoutedData,
} from '@bp/contracts';
import { AssignmentFact } from '../domain/assignment-record';

export type AnyRfiEventData = RfiEventData &
  Partial<RfiRoutedData & RfiAssignmentEventData & RfiClarifiedData & RfiOverdueData>;

/** What one RFI event means for the reporting model. */
export interface RfiEventMeaning {
  submitted?: boolean;
  assigned?: AssignmentEventRef[];
  facts: { assignmentId: string; fact: AssignmentFact }[];
  /** The request ended: its open assignments close with it. */
  closed?: boolean;
}

/** Reads an RFI event as the reporting model's facts; the event's own time is when it happened. */
export function meaningOf(event: EventEnvelope<AnyRfiEventData>): RfiEventMeaning {
  const at = new Date(event.occurredAt);
  const { data } = event;
  const one = (fact: AssignmentFact): RfiEventMeaning =>
    data.assignment ? { facts: [{ assignmentId: data.assignment.assignmentId, fact }] } : none;
  const dueAt = data.assignment ? new Date(data.assignment.dueAt) : at;
  switch (event.type) {
    case RfiEvents.submitted.type:
      return { submitted: true, facts: [] };
    case RfiEvents.routed.type:
      return { assigned: data.assignments ?? [], facts: [] };
    case RfiEvents.acknowledged.type:
      return one({ kind: 'ACKNOWLEDGED', at });
    case RfiEvents.responded.type:
      return one({ kind: 'RESPONDED', at, dueAt });
    case RfiEvents.declined.type:
      return one({ kind: 'DECLINED', at });
    case RfiEvents.clarificationRequested.type:
      return one({ kind: 'CLOCK_STOPPED', at, dueAt });
    case RfiEvents.clarified.type:
      return {
        facts: (data.assignments ?? []).map((assignment) => ({
          assignmentId: assignment.assignmentId,
          fact: { kind: 'CLOCK_RESUMED', at, dueAt: new Date(assignment.dueAt) },
        })),
      };
    case RfiEvents.overdue.type:
      return one({ kind: 'ESCALATED', at, level: data.escalationLevel ?? 1 });
    case RfiEvents.handedOver.type:
      // To the party's focal point (officerId null), or closed where the focal point had its own.
      return one(
        data.assignment?.officerId === null
          ? { kind: 'HANDED_TO_FOCAL_POINT', at }
          : { kind: 'CLOSED', at },
      );
    case RfiEvents.closed.type:
    case RfiEvents.withdrawn.type:
    case RfiEvents.rejected.type:
      return { closed: true, facts: [] };
    default:
      // rfi.due-soon and kinds this model does not count.
      return none;
  }
}

const none: RfiEventMeaning = { facts: [] };
