/**
 * A knowledge exchange as the reporting model keeps it, from the events that carry its whole
 * state: when it was posted, matched, completed or cancelled, how many offers a need received, and
 * the requester's rating once completed.
 */
export interface ExchangeRecord {
  postedAt: Date | null;
  matchedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  offersReceived: number;
  rating: number | null;
}

const MATCHED_OR_LATER = new Set(['MATCHED', 'SCHEDULED', 'COMPLETED']);

export const NEW_EXCHANGE: ExchangeRecord = {
  postedAt: null,
  matchedAt: null,
  completedAt: null,
  cancelledAt: null,
  offersReceived: 0,
  rating: null,
};

/** The record after an event reporting `status` at `at`; each moment is the first one reported. */
export function exchangeAfter(
  record: ExchangeRecord,
  event: { status: string; at: Date; posted: boolean; offerReceived: boolean; rating?: number },
): ExchangeRecord {
  return {
    postedAt: record.postedAt ?? (event.posted ? event.at : null),
    matchedAt: record.matchedAt ?? (MATCHED_OR_LATER.has(event.status) ? event.at : null),
    completedAt: record.completedAt ?? (event.status === 'COMPLETED' ? event.at : null),
    cancelledAt: record.cancelledAt ?? (event.status === 'CANCELLED' ? event.at : null),
    offersReceived: record.offersReceived + (event.offerReceived ? 1 : 0),
    rating: record.rating ?? event.rating ?? null,
  };
}
