import { Actor, ExchangeStatus } from '@bp/domain-kernel';
import { KnowledgeExchange } from './knowledge-exchange';
import { Offer } from './offer';

/**
 * Need to know in the knowledge exchange. Needs and standing offers are a marketplace that everyone
 * signed in may read, and completed outcomes are the public knowledge base; what is negotiated on a
 * need stays with those taking part. Who may call a command at all (the role) is decided before
 * (libs/contracts knowledge-exchange-access.ts); the README's access table says the same in prose.
 */

/**
 * How the caller stands to an exchange. A party is the party of a focal point: an officer's account
 * also carries a party but never acts for it here.
 */
export type ExchangeRelation = 'OWNER' | 'PARTNER' | 'OFFERER' | 'SECRETARIAT' | 'OTHER';

export type ExchangeFacts = Pick<
  KnowledgeExchange,
  'ownerParty' | 'partnerParty' | 'offers' | 'status'
>;

export function relationToExchange(actor: Actor, exchange: ExchangeFacts): ExchangeRelation {
  if (actor.role === 'secretariat') return 'SECRETARIAT';
  if (actor.role !== 'focal_point' || actor.party === null) return 'OTHER';
  if (actor.party === exchange.ownerParty) return 'OWNER';
  if (actor.party === exchange.partnerParty) return 'PARTNER';
  if (exchange.offers.some((o) => o.party === actor.party)) return 'OFFERER';
  return 'OTHER';
}

/**
 * Offers made on a need: the owner and the secretariat see all of them, an offering party (the
 * partner too) its own; anybody else sees none, not even how many there are.
 */
export function visibleOffers(
  actor: Actor,
  relation: ExchangeRelation,
  exchange: ExchangeFacts,
): Offer[] {
  if (relation === 'OWNER' || relation === 'SECRETARIAT') return exchange.offers;
  if (relation === 'PARTNER' || relation === 'OFFERER')
    return exchange.offers.filter((o) => o.party === actor.party);
  return [];
}

export function seesOffers(relation: ExchangeRelation): boolean {
  return relation !== 'OTHER';
}

/**
 * The two parties of the exchange and the secretariat: the match, the schedule (dates and place),
 * the cancellation reason and the evaluation's comment.
 */
export function takesPart(relation: ExchangeRelation): boolean {
  return relation === 'OWNER' || relation === 'PARTNER' || relation === 'SECRETARIAT';
}

/** Who was matched is public once the exchange is complete: the knowledge base names both parties. */
export function seesPartner(relation: ExchangeRelation, status: ExchangeStatus): boolean {
  return takesPart(relation) || status === 'COMPLETED';
}

/**
 * The version (ETag) as far as the caller can see the exchange. The stored version counts every
 * change: the posting (1), each offer, the match, each scheduling, the completion or
 * cancellation; a caller must not learn from it how many offers it cannot see were made, nor that
 * a schedule it cannot see was moved (only the first scheduling changes the status it sees).
 */
export function shownExchangeVersion(
  actor: Actor,
  relation: ExchangeRelation,
  exchange: ExchangeFacts & { version: number },
): number {
  const matched = exchange.partnerParty !== null ? 1 : 0;
  const ended = exchange.status === 'COMPLETED' || exchange.status === 'CANCELLED' ? 1 : 0;
  const schedulings = exchange.version - 1 - exchange.offers.length - matched - ended;
  const hiddenOffers = exchange.offers.length - visibleOffers(actor, relation, exchange).length;
  const hiddenReschedulings = takesPart(relation) ? 0 : Math.max(0, schedulings - 1);
  return exchange.version - hiddenOffers - hiddenReschedulings;
}

/**
 * When the exchange last changed as far as the caller can see: those taking part see every change
 * (after the match nothing happens that they cannot see); others see the status change and their
 * own offer, not the others' offers or a moved schedule.
 */
export function shownUpdatedAt(
  actor: Actor,
  relation: ExchangeRelation,
  exchange: ExchangeFacts & { updatedAt: Date; statusChangedAt: Date },
): Date {
  if (relation === 'OWNER' || relation === 'SECRETARIAT' || relation === 'PARTNER')
    return new Date(exchange.updatedAt);
  const times = [
    new Date(exchange.statusChangedAt).getTime(),
    ...visibleOffers(actor, relation, exchange).map((o) => Date.parse(o.createdAt)),
  ];
  return new Date(Math.max(...times));
}
