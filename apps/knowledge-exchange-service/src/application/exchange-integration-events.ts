import { KnowledgeExchangeEvents } from '@bp/contracts';
import { EventDraft } from '@bp/messaging';
import { ExchangeAction, ExchangeChange } from '../domain/exchange-change';
import { KnowledgeExchange } from '../domain/knowledge-exchange';

const EVENT_OF: Record<
  ExchangeAction,
  (typeof KnowledgeExchangeEvents)[keyof typeof KnowledgeExchangeEvents]
> = {
  POSTED: KnowledgeExchangeEvents.posted,
  OFFER_RECEIVED: KnowledgeExchangeEvents.offerReceived,
  MATCHED: KnowledgeExchangeEvents.matched,
  SCHEDULED: KnowledgeExchangeEvents.scheduled,
  COMPLETED: KnowledgeExchangeEvents.completed,
  CANCELLED: KnowledgeExchangeEvents.cancelled,
};

/**
 * Each change as an event carrying the exchange's parties and status after it: party codes, the
 * title, topics and (on completion) the rating everyone may read; no user ids, no comment.
 */
export function integrationEvents(
  exchange: KnowledgeExchange,
  changes: readonly ExchangeChange[],
): EventDraft[] {
  return changes.map((change) => ({
    definition: EVENT_OF[change.action],
    subject: exchange.id,
    subjectVersion: exchange.version,
    data: {
      exchangeId: exchange.id,
      kind: exchange.kind,
      type: exchange.type,
      ownerParty: exchange.ownerParty,
      partnerParty: exchange.partnerParty,
      status: exchange.status,
      title: exchange.title,
      topics: [...exchange.topics],
      ...(typeof change.details.offerId === 'string' ? { offerId: change.details.offerId } : {}),
      ...(typeof change.details.rating === 'number' ? { rating: change.details.rating } : {}),
    },
  }));
}
