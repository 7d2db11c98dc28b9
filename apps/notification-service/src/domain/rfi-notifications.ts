import { Channel, NotificationKind, Priority } from '@bp/domain-kernel';
import { Audience, SECRETARIAT, focalPointsOf, officer } from './audience';
import { NotificationDraft, NotificationSubject, oncePerAudience } from './notification-draft';

/** An assignment as rfi.* events carry it. */
export interface RfiAssignmentFacts {
  assignmentId: string;
  recipientParty: string;
  officerId: string | null;
  /** The posting an officer's assignment was made under. */
  postingId?: string | null;
  dueAt: string;
}

/** What an rfi.* event says of the request: routing metadata only, never a question or an answer. */
export interface RfiFacts {
  rfiId: string;
  reference: string;
  requesterParty: string;
  priority?: Priority;
  channel?: Channel;
  /** Parties with an assignment of their own; absent in events written before it existed. */
  recipientParties?: readonly string[];
  /** Those routed or clarified, or the one assignment the event is about. */
  assignments: readonly RfiAssignmentFacts[];
  escalationLevel?: number;
  /** rfi.possible-link-found: the link, the other request (the secretariat's to know), the types. */
  link?: {
    linkId: string;
    linkedReference: string;
    entityTypes: readonly string[];
    refusedHere?: boolean;
  };
}

/**
 * Who must act on an rfi.* event, by the rfi-service's need to know (its domain/need-to-know.ts):
 *
 * - routed: each new assignment's holder: the recipient party's focal points, or the officer on
 *   post it was made to, as long as that posting lasts (a bilateral request reaches both);
 * - submitted, multilateral: the secretariat, which routes it;
 * - clarification asked, response received, declined, rejected: the requesting party's focal points;
 * - clarified: the holders of the clarified assignments;
 * - handed over (an officer's posting ended): the party's focal points, when the assignment passed
 *   to them (not when it was closed because they hold one of their own);
 * - due soon (the assignment used its share of time, still open): its holder, as for a routing;
 *   a handover after the reminder does not repeat it (the handover tells the new holder);
 * - overdue, one notification per level of the ladder: 1 the holder, 2 the recipient party's focal
 *   points, 3 the secretariat. An officer's assignment reaches the secretariat at 2 already: its
 *   host's focal points never see it (not even where their party is a recipient too), and being
 *   told of it would tell them another was asked.
 *
 * - possible link found: the secretariat, with both references and the types that matched (never a
 *   value); the requester whose request's change found it, that a link may exist and the
 *   secretariat knows (nothing of the other request);
 * - link consent asked: the requester; link opened (both agreed): the requester, with the other
 *   request's reference; link refused: the secretariat (from the refusing side) and the other
 *   requester (that it was refused, nothing more).
 *
 * Subjects carry the reference, never the title: a title may name a person and must go when the
 * request's retention ends, so it stays in the rfi-service, and the gateway asks for it when it
 * shows a notification to someone who may see the request (rfi.titles).
 * Withdrawals, closures and acknowledgements ask nobody to act.
 */
export function rfiNotifications(type: string, rfi: RfiFacts): NotificationDraft[] {
  const subject: NotificationSubject = { type: 'rfi', id: rfi.rfiId, reference: rfi.reference };
  const requester = focalPointsOf(rfi.requesterParty);
  const draft = (kind: NotificationKind, audience: Audience, details = {}): NotificationDraft => ({
    kind,
    audience,
    subject,
    details,
  });
  const perAssignment = (kind: NotificationKind, audience: (a: RfiAssignmentFacts) => Audience) =>
    rfi.assignments.map((a) =>
      draft(kind, audience(a), { assignmentId: a.assignmentId, dueAt: a.dueAt }),
    );
  const the = rfi.assignments[0];
  switch (type) {
    case 'rfi.submitted':
      return rfi.channel === 'MULTILATERAL' ? [draft('RFI_AWAITING_ROUTING', SECRETARIAT)] : [];
    case 'rfi.routed':
      // The priority tells the recipient how soon (and an URGENT one pages the party's duty contact).
      return oncePerAudience(
        perAssignment('RFI_ROUTED', holderOf).map((routed) =>
          rfi.priority
            ? { ...routed, details: { ...routed.details, priority: rfi.priority } }
            : routed,
        ),
      );
    case 'rfi.clarified':
      return oncePerAudience(perAssignment('RFI_CLARIFIED', holderOf));
    case 'rfi.clarification-requested':
      return perAssignment('RFI_CLARIFICATION_REQUESTED', () => requester).slice(0, 1);
    case 'rfi.responded':
      return perAssignment('RFI_RESPONSE_RECEIVED', () => requester).slice(0, 1);
    case 'rfi.declined':
      return perAssignment('RFI_DECLINED', () => requester).slice(0, 1);
    case 'rfi.rejected':
      return [draft('RFI_REJECTED', requester)];
    case 'rfi.handed-over':
      // Only an assignment that passed to the party's focal points is new work for them.
      return the && the.officerId === null
        ? [
            draft('RFI_HANDED_OVER', focalPointsOf(the.recipientParty), {
              assignmentId: the.assignmentId,
              dueAt: the.dueAt,
            }),
          ]
        : [];
    case 'rfi.due-soon':
      return perAssignment('RFI_DUE_SOON', holderOf).slice(0, 1);
    case 'rfi.overdue': {
      if (!the || !rfi.escalationLevel) return [];
      const audience = escalationAudience(rfi.escalationLevel, the);
      return audience
        ? [
            draft('RFI_OVERDUE', audience, {
              assignmentId: the.assignmentId,
              dueAt: the.dueAt,
              escalationLevel: rfi.escalationLevel,
            }),
          ]
        : [];
    }
    case 'rfi.possible-link-found': {
      if (!rfi.link) return [];
      const { linkId, linkedReference, entityTypes } = rfi.link;
      return [
        draft('RFI_POSSIBLE_LINK', SECRETARIAT, {
          linkId,
          linkedReference,
          entityTypes: [...entityTypes],
        }),
        draft('RFI_POSSIBLE_LINK_REPORTED', requester, { entityTypes: [...entityTypes] }),
      ];
    }
    case 'rfi.link-consent-asked':
      return rfi.link
        ? [
            draft('RFI_LINK_CONSENT_ASKED', requester, {
              linkId: rfi.link.linkId,
              entityTypes: [...rfi.link.entityTypes],
            }),
          ]
        : [];
    case 'rfi.link-opened':
      return rfi.link
        ? [
            draft('RFI_LINKED', requester, {
              linkId: rfi.link.linkId,
              linkedReference: rfi.link.linkedReference,
            }),
          ]
        : [];
    case 'rfi.link-refused': {
      if (!rfi.link) return [];
      const { linkId, linkedReference } = rfi.link;
      // The secretariat hears it from the refusing side; the other requester, that it was refused.
      return rfi.link.refusedHere
        ? [draft('RFI_LINK_REFUSED', SECRETARIAT, { linkId, linkedReference })]
        : [draft('RFI_LINK_REFUSED', requester, { linkId })];
    }
    default:
      return [];
  }
}

/**
 * Who answers for an assignment: the officer it was made to, on the posting it was made under, or
 * the recipient party's focal points.
 */
export function holderOf(assignment: RfiAssignmentFacts): Audience {
  return assignment.officerId
    ? officer(assignment.officerId, assignment.postingId ?? null)
    : focalPointsOf(assignment.recipientParty);
}

/** The ladder of the rfi-service (escalateTo RECIPIENT, FOCAL_POINT, SECRETARIAT), as audiences. */
export function escalationAudience(level: number, assignment: RfiAssignmentFacts): Audience | null {
  switch (level) {
    case 1:
      return holderOf(assignment);
    case 2:
      return assignment.officerId === null ? focalPointsOf(assignment.recipientParty) : SECRETARIAT;
    case 3:
      return SECRETARIAT;
    default:
      return null;
  }
}
