import { NotificationKind } from '@bp/domain-kernel';
import { focalPointsOf } from './audience';
import { NotificationDraft, oncePerAudience } from './notification-draft';

/** What a knowledge-exchange.* event says of an exchange: parties, status, title; no user ids. */
export interface ExchangeFacts {
  exchangeId: string;
  ownerParty: string;
  partnerParty: string | null;
  title?: string;
  offerId?: string;
}

/**
 * Who must act on an exchange, by the knowledge-exchange-service's need to know: an offer on a
 * need goes to the need's owner, who chooses (not who offered: other offering parties must not
 * learn of each other); a match, a schedule, the completion and a cancellation go to the two
 * parties, who alone know the partner before completion (an open need's cancellation to its
 * owner only: the event names no offering party, and none may learn of the others). Titles are
 * every reader's to see.
 */
export function exchangeNotifications(type: string, exchange: ExchangeFacts): NotificationDraft[] {
  const subject = {
    type: 'knowledge-exchange' as const,
    id: exchange.exchangeId,
    ...(exchange.title ? { title: exchange.title } : {}),
  };
  const toParties = (kind: NotificationKind): NotificationDraft[] =>
    oncePerAudience(
      [exchange.ownerParty, exchange.partnerParty]
        .filter((party): party is string => party !== null)
        .map((party) => ({ kind, audience: focalPointsOf(party), subject, details: {} })),
    );
  switch (type) {
    case 'knowledge-exchange.offer-received':
      return [
        {
          kind: 'EXCHANGE_OFFER_RECEIVED',
          audience: focalPointsOf(exchange.ownerParty),
          subject,
          details: exchange.offerId ? { offerId: exchange.offerId } : {},
        },
      ];
    case 'knowledge-exchange.matched':
      return toParties('EXCHANGE_MATCHED');
    case 'knowledge-exchange.scheduled':
      return toParties('EXCHANGE_SCHEDULED');
    case 'knowledge-exchange.completed':
      return toParties('EXCHANGE_COMPLETED');
    case 'knowledge-exchange.cancelled':
      return toParties('EXCHANGE_CANCELLED');
    default:
      return [];
  }
}
