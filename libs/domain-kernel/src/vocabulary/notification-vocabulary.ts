/**
 * What a notification tells its audience it must do (docs/openapi.json, GET /notifications),
 * shared by the gateway's validation and the notification-service's rules.
 */
export const NOTIFICATION_KINDS = [
  'RFI_ROUTED',
  'RFI_AWAITING_ROUTING',
  'RFI_CLARIFICATION_REQUESTED',
  'RFI_CLARIFIED',
  'RFI_RESPONSE_RECEIVED',
  'RFI_DECLINED',
  'RFI_REJECTED',
  'RFI_DUE_SOON',
  'RFI_OVERDUE',
  'RFI_HANDED_OVER',
  /** The secretariat: two requests name what may be the same person, document or phone. */
  'RFI_POSSIBLE_LINK',
  /** The requester whose request made it: a link may exist, and the secretariat was told. */
  'RFI_POSSIBLE_LINK_REPORTED',
  /** The secretariat asks the requesting party whether it agrees to be put in contact. */
  'RFI_LINK_CONSENT_ASKED',
  /** Both parties agreed: the other request's reference. */
  'RFI_LINKED',
  /** The other party (to a requester) or a party (to the secretariat) refused the link. */
  'RFI_LINK_REFUSED',
  // One person on a party's duty roster (or its fallback, or the secretariat) is paged: an URGENT
  // request was routed and must be acknowledged (POST /pages/{id}/acknowledge).
  'DUTY_PAGE',
  'DEPLOYMENT_AWAITING_APPROVAL',
  /** The host approved or refused the sending party's proposed posting. */
  'DEPLOYMENT_APPROVED',
  'DEPLOYMENT_REFUSED',
  /** The sending party or the secretariat cancelled a posting before it started. */
  'DEPLOYMENT_CANCELLED',
  'DEPLOYMENT_EXTENSION_REQUESTED',
  /** The host granted or refused the sending party's extension. */
  'DEPLOYMENT_EXTENDED',
  'DEPLOYMENT_EXTENSION_REFUSED',
  'DEPLOYMENT_ENDED',
  'EXCHANGE_OFFER_RECEIVED',
  'EXCHANGE_MATCHED',
  'EXCHANGE_SCHEDULED',
  'EXCHANGE_COMPLETED',
  'EXCHANGE_CANCELLED',
  /** The reporting-service saw requests on a route or topic rise well above their baseline. */
  'EARLY_WARNING',
  /** An alert addresses the party (or, for the secretariat, was raised anywhere). */
  'ALERT_RAISED',
  /** An addressed party acknowledged the sender's alert. */
  'ALERT_ACKNOWLEDGED',
  /** A party's webhook failed for the whole retry window and was disabled. */
  'WEBHOOK_DISABLED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a notification can point at. */
export const NOTIFICATION_SUBJECT_TYPES = [
  'rfi',
  'deployment',
  'knowledge-exchange',
  'webhook',
  'alert',
  'early-warning',
] as const;
export type NotificationSubjectType = (typeof NOTIFICATION_SUBJECT_TYPES)[number];
