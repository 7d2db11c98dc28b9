import { Actor } from '@bp/domain-kernel';

export const RFI_ACTIONS = [
  'CREATED',
  'SUBMITTED',
  'ROUTED',
  'REJECTED',
  'WITHDRAWN',
  'CLOSED',
  'ACKNOWLEDGED',
  'DECLINED',
  'RESPONDED',
  'CLARIFICATION_REQUESTED',
  'CLARIFIED',
  'NOTE_ADDED',
  'DUE_SOON',
  'OVERDUE',
  'HANDED_OVER',
  'BODY_READ',
  'ATTACHMENT_ADDED',
  'ATTACHMENT_REMOVED',
  'ATTACHMENT_DOWNLOADED',
  'ENTITIES_ADDED',
  'POSSIBLE_LINK_FOUND',
  'LINK_CONSENT_ASKED',
  'LINK_CONSENT_GIVEN',
  'LINK_CONSENT_REFUSED',
  'LINK_OPENED',
  'LEGAL_HOLD_PLACED',
  'LEGAL_HOLD_RELEASED',
  'RETENTION_DELETED',
] as const;
export type RfiAction = (typeof RFI_ACTIONS)[number];

/**
 * Something that happened to an RFI: the aggregate records one per change, the application keeps
 * each in the history and publishes the ones others must hear about. Details never hold bodies.
 */
export interface RfiChange {
  action: RfiAction;
  at: Date;
  actor: Actor | null;
  assignmentId?: string;
  details: Record<string, unknown>;
}
