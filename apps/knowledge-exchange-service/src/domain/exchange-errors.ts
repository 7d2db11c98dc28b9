/** Why the knowledge-exchange rules refuse: stable codes clients branch on (messages may change). */
export const ExchangeErrors = {
  /** Absent, or not the caller's to see. */
  NOT_FOUND: 'EXCHANGE.NOT_FOUND',
  /** Needs, offers and standing offers are posted by a focal point for its party. */
  FOCAL_POINT_ONLY: 'EXCHANGE.FOCAL_POINT_ONLY',
  /** Nobody offers on their own need. */
  OWN_NEED: 'EXCHANGE.OWN_NEED',
  /** Offers answer needs and needs are matched: not so a standing offer. */
  NOT_A_NEED: 'EXCHANGE.NOT_A_NEED',
  /** Matching is for the need's owner or the secretariat. */
  NOT_OWNER_OR_SECRETARIAT: 'EXCHANGE.NOT_OWNER_OR_SECRETARIAT',
  /** Scheduling, completing and cancelling are for the parties of the exchange and the secretariat. */
  NOT_INVOLVED: 'EXCHANGE.NOT_INVOLVED',
  /** Offering on and matching need an open exchange. */
  NOT_OPEN: 'EXCHANGE.NOT_OPEN',
  NOT_SCHEDULABLE: 'EXCHANGE.NOT_SCHEDULABLE',
  /** Only a scheduled exchange can be completed. */
  NOT_SCHEDULED: 'EXCHANGE.NOT_SCHEDULED',
  NOT_CANCELLABLE: 'EXCHANGE.NOT_CANCELLABLE',
  ALREADY_OFFERED: 'EXCHANGE.ALREADY_OFFERED',
  OFFER_NOT_FOUND: 'EXCHANGE.OFFER_NOT_FOUND',
  OFFER_NOT_PENDING: 'EXCHANGE.OFFER_NOT_PENDING',
  /** A match names exactly one of offerId and offerExchangeId. */
  OFFER_CHOICE_INVALID: 'EXCHANGE.OFFER_CHOICE_INVALID',
  STANDING_OFFER_UNKNOWN: 'EXCHANGE.STANDING_OFFER_UNKNOWN',
  STANDING_OFFER_NOT_OPEN: 'EXCHANGE.STANDING_OFFER_NOT_OPEN',
  LOCATION_REQUIRED: 'EXCHANGE.LOCATION_REQUIRED',
  RATING_OUT_OF_RANGE: 'EXCHANGE.RATING_OUT_OF_RANGE',
  REASON_REQUIRED: 'EXCHANGE.REASON_REQUIRED',
  /** A period ends before it starts. */
  PERIOD_REVERSED: 'EXCHANGE.PERIOD_REVERSED',
} as const;

export type ExchangeErrorCode = (typeof ExchangeErrors)[keyof typeof ExchangeErrors];
