import { Actor } from '@bp/contracts';
import { KnowledgeExchange } from '../domain/knowledge-exchange';
import { Offer } from '../domain/offer';
import {
  relationToExchange,
  seesOffers,
  seesPartner,
  shownExchangeVersion,
  shownUpdatedAt,
  takesPart,
  visibleOffers,
} from '../domain/need-to-know';

/** An offer names its party, never the user who made it. */
function offerView(offer: Offer) {
  return {
    id: offer.id,
    party: offer.party,
    description: offer.description,
    proposedFrom: offer.proposedFrom,
    proposedTo: offer.proposedTo,
    status: offer.status,
    createdAt: offer.createdAt,
  };
}

/**
 * A need or standing offer as the caller may see it (domain/need-to-know.ts). What the caller may
 * not see is not in the answer at all: no `offers` for a party that did not offer, no `schedule`,
 * match or cancellation reason for those not taking part; `version` and `updatedAt` count only
 * changes the caller can see. No user id is ever part of it.
 */
export function exchangeView(exchange: KnowledgeExchange, actor: Actor) {
  const relation = relationToExchange(actor, exchange);
  const involved = takesPart(relation);
  const outcome = exchange.outcome && {
    summary: exchange.outcome.summary,
    lessonsLearned: exchange.outcome.lessonsLearned,
    rating: exchange.outcome.rating,
    completedAt: exchange.outcome.completedAt,
    ...(involved ? { comment: exchange.outcome.comment } : {}),
  };
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
    ...(seesOffers(relation)
      ? { offers: visibleOffers(actor, relation, exchange).map(offerView) }
      : {}),
    ...(seesPartner(relation, exchange.status) ? { partnerParty: exchange.partnerParty } : {}),
    ...(involved
      ? {
          matchedOfferId: exchange.matchedOfferId,
          matchedOfferExchangeId: exchange.matchedOfferExchangeId,
          schedule: exchange.scheduledFor,
        }
      : {}),
    outcome,
    ...(involved ? { cancelReason: exchange.cancelReason } : {}),
    createdAt: new Date(exchange.createdAt).toISOString(),
    updatedAt: shownUpdatedAt(actor, relation, exchange).toISOString(),
    version: shownExchangeVersion(actor, relation, exchange),
  };
}

/** A completed exchange in the knowledge base: public by design, both parties named. */
export function knowledgeBaseItem(exchange: KnowledgeExchange, score: number) {
  return {
    id: exchange.id,
    title: exchange.title,
    type: exchange.type,
    topics: exchange.topics,
    parties: [exchange.ownerParty, exchange.partnerParty].filter(Boolean),
    outcomeSummary: exchange.outcome?.summary ?? null,
    lessonsLearned: exchange.outcome?.lessonsLearned ?? [],
    rating: exchange.outcome?.rating ?? null,
    completedAt: exchange.outcome?.completedAt ?? null,
    score,
  };
}
