/** The words of requests for information (docs/openapi.json), shared by the gateway's DTOs and the rfi-service. */
export const PRIORITIES = ['URGENT', 'HIGH', 'NORMAL', 'LOW'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['BILATERAL', 'MULTILATERAL'] as const;
export type Channel = (typeof CHANNELS)[number];

/** As in European law-enforcement exchange: H0 purpose only, H1 not for court, H2 no onward sharing, H3 other (stated). */
export const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'] as const;
export type HandlingCode = (typeof HANDLING_CODES)[number];

export const SECRETARIAT_ACCESS = ['FULL', 'METADATA_ONLY'] as const;
export type SecretariatAccess = (typeof SECRETARIAT_ACCESS)[number];

export const RFI_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'ROUTED',
  'CLOSED',
  'WITHDRAWN',
  'REJECTED',
] as const;
export type RfiStatus = (typeof RFI_STATUSES)[number];

export const ASSIGNMENT_STATUSES = ['PENDING', 'ACKNOWLEDGED', 'RESPONDED', 'DECLINED'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const MESSAGE_KINDS = [
  'RESPONSE',
  'CLARIFICATION_REQUEST',
  'CLARIFICATION',
  'NOTE',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'X'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITY)[number];

export const ACCURACY = [1, 2, 3, 4] as const;
export type Accuracy = (typeof ACCURACY)[number];

/** Who may see a response: the requester only, also the other recipients, or also the secretariat. */
export const RELEASABILITY = ['REQUESTER', 'ALL_RECIPIENTS', 'ALL_PARTIES'] as const;
export type Releasability = (typeof RELEASABILITY)[number];

/**
 * The media types an attachment may have, as detected from its bytes: what requests and answers
 * in this field carry (PDF, images, office documents, plain text and CSV), and nothing that runs.
 */
export const ATTACHMENT_MEDIA_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/tiff',
  'image/webp',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'text/plain',
  'text/csv',
] as const;
