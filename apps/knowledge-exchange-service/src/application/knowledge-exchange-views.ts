import { KnowledgeExchange } from '../domain/knowledge-exchange';

export function exchangeView(exchange: KnowledgeExchange) {
  return {
    id: exchange.id,
    kind: exchange.kind,
    ownerParty: exchange.ownerParty,
    type: exchange.type,
    topics: exchange.topics,
    title: exchange.title,
    description: exchange.description,
    format: exchange.format,
    preferredFrom: exchange.preferredFrom,
    preferredTo: exchange.preferredTo,
    status: exchange.status,
    offers: exchange.offers,
    partnerParty: exchange.partnerParty,
    matchedOfferId: exchange.matchedOfferId,
    matchedOfferExchangeId: exchange.matchedOfferExchangeId,
    schedule: exchange.scheduledFor,
    outcome: exchange.outcome,
    cancelReason: exchange.cancelReason,
    createdAt: new Date(exchange.createdAt).toISOString(),
    updatedAt: new Date(exchange.updatedAt).toISOString(),
    version: exchange.version,
  };
}
