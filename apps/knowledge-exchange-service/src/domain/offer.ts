import {
  ConflictError,
  ExchangeKind,
  ExchangeStatus,
  ForbiddenError,
  NotFoundError,
  OfferStatus,
} from '@bp/domain-kernel';
import { ExchangeErrors } from './exchange-errors';
import { assertPeriod } from './exchange-period';

/** Another party's answer to a need. */
export interface Offer {
  id: string;
  party: string;
  createdBy: string;
  description: string;
  proposedFrom: string | null;
  proposedTo: string | null;
  status: OfferStatus;
  createdAt: string;
}

export interface OfferProposal {
  id: string;
  description: string;
  proposedFrom: string | null;
  proposedTo: string | null;
}

/** A party's offer on a need, unless that party already has one waiting there. */
export function proposeOffer(
  offers: readonly Offer[],
  by: { party: string; userId: string },
  proposal: OfferProposal,
  now: Date,
): Offer {
  assertPeriod('proposedTo', proposal.proposedFrom, proposal.proposedTo);
  if (offers.some((o) => o.party === by.party && o.status === 'PENDING'))
    throw new ConflictError(ExchangeErrors.ALREADY_OFFERED, `${by.party} has already offered`);
  return {
    ...proposal,
    description: proposal.description.trim(),
    party: by.party,
    createdBy: by.userId,
    status: 'PENDING',
    createdAt: now.toISOString(),
  };
}

/** Accepting one waiting offer on a need leaves every other waiting offer not chosen. */
export function acceptOffer(
  offers: readonly Offer[],
  offerId: string,
): { accepted: Offer; offers: Offer[] } {
  const accepted = offers.find((o) => o.id === offerId);
  if (!accepted)
    throw new NotFoundError(ExchangeErrors.OFFER_NOT_FOUND, `No offer ${offerId} on this need`);
  if (accepted.status !== 'PENDING')
    throw new ConflictError(ExchangeErrors.OFFER_NOT_PENDING, `The offer is ${accepted.status}`);
  return {
    accepted,
    offers: offers.map((o) => ({
      ...o,
      status: o.id === accepted.id ? 'ACCEPTED' : o.status === 'PENDING' ? 'NOT_CHOSEN' : o.status,
    })),
  };
}

/** A standing offer answers a need of another party, and only while it is open. */
export function assertStandingOfferFits(
  standing: { kind: ExchangeKind; status: ExchangeStatus; ownerParty: string },
  needOwnerParty: string,
): void {
  if (standing.kind !== 'OFFER' || standing.status !== 'OPEN')
    throw new ConflictError(
      ExchangeErrors.STANDING_OFFER_NOT_OPEN,
      'Only an open standing offer can be matched',
    );
  if (standing.ownerParty === needOwnerParty)
    throw new ForbiddenError(ExchangeErrors.OWN_NEED, 'Nobody offers on their own need');
}
