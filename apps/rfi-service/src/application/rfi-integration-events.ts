import {
  ESCALATION_TARGETS,
  RfiAttachmentAddedData,
  RfiEventData,
  RfiEvents,
  RfiPossibleLinkData,
} from '@bp/contracts';
import { EventDraft } from '@bp/messaging';
import { Assignment } from '../domain/assignment';
import { InformationRequest } from '../domain/information-request';
import { RfiChange } from '../domain/rfi-change';

const ref = (a: Assignment) => ({
  assignmentId: a.id,
  recipientParty: a.recipientParty,
  officerId: a.officerId,
  postingId: a.postingId,
  dueAt: a.dueAt.toISOString(),
});

/** What a change says of a file (information-request.ts attachmentDetails). */
type AttachmentDetails = Omit<RfiAttachmentAddedData, keyof RfiEventData | 'assignmentId'>;

/**
 * The changes other services and national systems must hear of, as events. Creating a draft,
 * notes and reads stay in the RFI's own history.
 */
export function integrationEvents(
  rfi: InformationRequest,
  changes: readonly RfiChange[],
): EventDraft[] {
  const base: RfiEventData = {
    rfiId: rfi.id,
    reference: rfi.reference,
    requesterParty: rfi.requesterParty,
    priority: rfi.priority,
    // No title: one may name a person, and bp.rfi.events is kept for good. The gateway asks the
    // rfi-service for titles when it shows notifications (rfi.titles).
    channel: rfi.channel,
    recipientParties: [
      ...new Set(rfi.assignments.filter((a) => a.officerId === null).map((a) => a.recipientParty)),
    ],
    topics: [...rfi.topics],
  };
  const draft = <T extends object>(
    definition: EventDraft<T>['definition'],
    data: T,
  ): EventDraft => ({
    definition,
    subject: rfi.id,
    subjectVersion: rfi.version,
    data,
  });
  const assignmentOf = (change: RfiChange) =>
    rfi.assignments.find((a) => a.id === change.assignmentId)!;
  return changes.flatMap((change): EventDraft[] => {
    switch (change.action) {
      case 'SUBMITTED': {
        // The draft's files, announced with the request once others may see them.
        const files = (change.details.attachments ?? []) as AttachmentDetails[];
        return [
          draft(RfiEvents.submitted, base),
          ...files.map((file) =>
            draft(RfiEvents.attachmentAdded, { ...base, ...file, assignmentId: null }),
          ),
        ];
      }
      case 'ROUTED': {
        const ids = new Set(
          (change.details.recipients as { assignmentId: string }[]).map((r) => r.assignmentId),
        );
        return [
          draft(RfiEvents.routed, {
            ...base,
            assignments: rfi.assignments.filter((a) => ids.has(a.id)).map(ref),
          }),
        ];
      }
      case 'ACKNOWLEDGED':
        return [draft(RfiEvents.acknowledged, { ...base, assignment: ref(assignmentOf(change)) })];
      case 'RESPONDED':
        return [draft(RfiEvents.responded, { ...base, assignment: ref(assignmentOf(change)) })];
      case 'DECLINED':
        return [draft(RfiEvents.declined, { ...base, assignment: ref(assignmentOf(change)) })];
      case 'CLARIFICATION_REQUESTED':
        return [
          draft(RfiEvents.clarificationRequested, {
            ...base,
            assignment: ref(assignmentOf(change)),
          }),
        ];
      case 'CLARIFIED': {
        // One assignment's clarification, or one for every recipient still answering.
        const clarified = change.assignmentId
          ? [assignmentOf(change)]
          : rfi.assignments.filter((a) => a.isOpen);
        return [draft(RfiEvents.clarified, { ...base, assignments: clarified.map(ref) })];
      }
      case 'DUE_SOON':
        return [draft(RfiEvents.dueSoon, { ...base, assignment: ref(assignmentOf(change)) })];
      case 'OVERDUE': {
        const level = change.details.escalationLevel as number;
        return [
          draft(RfiEvents.overdue, {
            ...base,
            assignment: ref(assignmentOf(change)),
            escalationLevel: level,
            escalateTo: ESCALATION_TARGETS[level - 1]!,
          }),
        ];
      }
      case 'HANDED_OVER':
        return [draft(RfiEvents.handedOver, { ...base, assignment: ref(assignmentOf(change)) })];
      case 'CLOSED':
        return [draft(RfiEvents.closed, base)];
      case 'WITHDRAWN':
        return [draft(RfiEvents.withdrawn, base)];
      case 'REJECTED':
        return [draft(RfiEvents.rejected, base)];
      case 'RETENTION_DELETED':
        return [draft(RfiEvents.deleted, base)];
      case 'ATTACHMENT_ADDED': {
        // A draft is the requester's alone (its files are announced on submission), a note the
        // secretariat's: neither is announced here.
        if (rfi.submittedAt === null || change.details.messageKind === 'NOTE') return [];
        const details = change.details as AttachmentDetails;
        return [
          draft(RfiEvents.attachmentAdded, {
            ...base,
            ...details,
            assignmentId: change.assignmentId ?? null,
          }),
        ];
      }
      case 'POSSIBLE_LINK_FOUND':
      case 'LINK_CONSENT_ASKED':
      case 'LINK_OPENED':
      case 'LINK_CONSENT_REFUSED': {
        const { linkId, linkedRfiId, linkedReference, entityTypes } = change.details as Omit<
          RfiPossibleLinkData,
          keyof RfiEventData
        >;
        const link = { ...base, linkId, linkedRfiId, linkedReference, entityTypes };
        const definition = {
          POSSIBLE_LINK_FOUND: RfiEvents.possibleLinkFound,
          LINK_CONSENT_ASKED: RfiEvents.linkConsentAsked,
          LINK_OPENED: RfiEvents.linkOpened,
          LINK_CONSENT_REFUSED: RfiEvents.linkRefused,
        }[change.action];
        // The secretariat hears of a link once: from the request whose change found it.
        if (change.action === 'POSSIBLE_LINK_FOUND' && change.details.foundHere === false)
          return [];
        // The refusing party's own line names who refused; the other request's names no one.
        return change.action === 'LINK_CONSENT_REFUSED'
          ? [draft(definition, { ...link, refusedHere: change.actor !== null })]
          : [draft(definition, link)];
      }
      default:
        return [];
    }
  });
}
