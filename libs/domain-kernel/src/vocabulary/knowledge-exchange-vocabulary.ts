/** The words of knowledge exchange (docs/openapi.json), shared by the gateway and the knowledge-exchange-service. */
export const EXCHANGE_KINDS = ['NEED', 'OFFER'] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

export const EXCHANGE_TYPES = [
  'STUDY_VISIT',
  'CAPACITY_BUILDING',
  'EXPERT_ADVICE',
  'CASE_STUDY',
  'LESSONS_LEARNED',
  'OPERATIONAL_PARTNERSHIP',
] as const;
export type ExchangeType = (typeof EXCHANGE_TYPES)[number];

export const EXCHANGE_FORMATS = ['IN_PERSON', 'ONLINE', 'HYBRID'] as const;
export type ExchangeFormat = (typeof EXCHANGE_FORMATS)[number];

export const EXCHANGE_STATUSES = [
  'OPEN',
  'MATCHED',
  'SCHEDULED',
  'COMPLETED',
  'CANCELLED',
] as const;
export type ExchangeStatus = (typeof EXCHANGE_STATUSES)[number];

export const OFFER_STATUSES = ['PENDING', 'ACCEPTED', 'NOT_CHOSEN'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
