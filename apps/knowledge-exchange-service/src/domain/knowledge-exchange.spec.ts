import { actor, codeOf, statusOf } from '../../../../test/support/domain-fixtures';
import { Actor, ExchangeStatus } from '@bp/domain-kernel';
import { ExchangeInput, KnowledgeExchange } from './knowledge-exchange';

const NOW = new Date('2026-06-01T08:00:00Z');
const cast = {
  owner: actor('fp-mkd', 'focal_point', 'MKD'),
  partner: actor('fp-aut', 'focal_point', 'AUT'),
  other: actor('fp-swe', 'focal_point', 'SWE'),
  secretariat: actor('secretariat', 'secretariat', 'ICMPD'),
  admin: actor('admin', 'admin', null),
};
const need: ExchangeInput = {
  kind: 'NEED',
  type: 'STUDY_VISIT',
  topics: ['REINTEGRATION'],
  title: 'Study visit on reintegration referral systems',
  description: 'We would like to see how returnees are referred to services.',
  format: 'IN_PERSON',
  preferredFrom: '2026-09-01',
  preferredTo: '2026-10-31',
};

const schedule = {
  startsOn: '2026-09-14',
  endsOn: '2026-09-16',
  location: 'Vienna',
  online: false,
};
const outcome = {
  summary: 'Saw the one-stop referral desk at work.',
  lessonsLearned: ['A single case manager per returnee'],
  rating: 5,
  comment: null,
};

/** A need brought into `status` by the rules, matched with Austria's offer where it goes that far. */
function needIn(status: ExchangeStatus): KnowledgeExchange {
  const exchange = KnowledgeExchange.post({ id: 'ke-1', by: cast.owner, input: need, now: NOW });
  if (status === 'OPEN') return exchange;
  if (status === 'CANCELLED') {
    exchange.cancel(cast.owner, 'no longer needed', NOW);
    return exchange;
  }
  const offer = exchange.makeOffer(
    cast.partner,
    { id: 'offer-1', description: 'We host in Vienna', proposedFrom: null, proposedTo: null },
    NOW,
  );
  exchange.match(cast.secretariat, { offerId: offer.id }, NOW);
  if (status === 'SCHEDULED' || status === 'COMPLETED')
    exchange.schedule(cast.partner, schedule, NOW);
  if (status === 'COMPLETED') exchange.complete(cast.owner, outcome, NOW);
  return exchange;
}

const STATUSES: ExchangeStatus[] = ['OPEN', 'MATCHED', 'SCHEDULED', 'COMPLETED', 'CANCELLED'];
/** Who may (in `who`) from which states; `involved` means the two parties once matched, and the secretariat. */
const RULES: Record<
  string,
  {
    act: (e: KnowledgeExchange, a: Actor) => unknown;
    who: (e: KnowledgeExchange, a: Actor) => boolean;
    from: ExchangeStatus[];
  }
> = {
  offer: {
    act: (e, a) =>
      e.makeOffer(
        a,
        { id: 'offer-2', description: 'We can too', proposedFrom: null, proposedTo: null },
        NOW,
      ),
    who: (_, a) => a.role === 'focal_point' && a.party !== 'MKD',
    from: ['OPEN'],
  },
  schedule: {
    act: (e, a) => e.schedule(a, schedule, NOW),
    who: (e, a) => e.isInvolved(a),
    from: ['MATCHED', 'SCHEDULED'],
  },
  complete: {
    act: (e, a) => e.complete(a, outcome, NOW),
    who: (e, a) => e.isInvolved(a),
    from: ['SCHEDULED'],
  },
  cancel: {
    act: (e, a) => e.cancel(a, 'plans changed', NOW),
    who: (e, a) => e.isInvolved(a),
    from: ['OPEN', 'MATCHED', 'SCHEDULED'],
  },
};

describe('knowledge exchange life cycle', () => {
  describe.each(Object.entries(RULES))('%s', (_, { act, who, from }) => {
    it.each(
      STATUSES.flatMap((status) =>
        Object.values(cast).map((a) => [status, a.username, a] as const),
      ),
    )('in %s by %s', (status, _name, by) => {
      const exchange = needIn(status);
      const allowed = who(exchange, by);
      // A second offer from Austria on its own open need case is a conflict, not a role refusal.
      const expected = !allowed ? 403 : from.includes(status) ? 'ok' : 409;
      expect(statusOf(() => act(exchange, by))).toBe(expected);
    });
  });

  it('is matched only by the secretariat or the owner, with an offer made on it', () => {
    const exchange = needIn('OPEN');
    const offer = exchange.makeOffer(
      cast.partner,
      { id: 'o', description: 'We host', proposedFrom: null, proposedTo: null },
      NOW,
    );
    exchange.makeOffer(
      cast.other,
      { id: 'o2', description: 'We too', proposedFrom: null, proposedTo: null },
      NOW,
    );
    expect(statusOf(() => exchange.match(cast.partner, { offerId: offer.id }, NOW))).toBe(403);
    expect(statusOf(() => exchange.match(cast.owner, { offerId: 'nope' }, NOW))).toBe(404);
    expect(codeOf(() => exchange.match(cast.partner, { offerId: offer.id }, NOW))).toBe(
      'EXCHANGE.NOT_OWNER_OR_SECRETARIAT',
    );
    expect(codeOf(() => exchange.match(cast.owner, { offerId: 'nope' }, NOW))).toBe(
      'EXCHANGE.OFFER_NOT_FOUND',
    );
    exchange.match(cast.owner, { offerId: offer.id }, NOW);
    expect(codeOf(() => exchange.match(cast.owner, { offerId: 'o2' }, NOW))).toBe(
      'EXCHANGE.NOT_OPEN',
    );
    expect(exchange).toMatchObject({ status: 'MATCHED', partnerParty: 'AUT' });
    expect(exchange.offers.map((o) => o.status)).toEqual(['ACCEPTED', 'NOT_CHOSEN']);
    expect(exchange.isInvolved(cast.other)).toBe(false);
  });

  it('can be matched with a standing offer of another party', () => {
    const standing = KnowledgeExchange.post({
      id: 'ke-2',
      by: cast.partner,
      input: { ...need, kind: 'OFFER', title: 'We host study visits' },
      now: NOW,
    });
    const exchange = needIn('OPEN');
    exchange.match(cast.secretariat, { standingOffer: standing }, NOW);
    expect(exchange).toMatchObject({
      status: 'MATCHED',
      partnerParty: 'AUT',
      matchedOfferExchangeId: 'ke-2',
    });
    const own = KnowledgeExchange.post({
      id: 'ke-3',
      by: cast.owner,
      input: { ...need, kind: 'OFFER' },
      now: NOW,
    });
    expect(
      statusOf(() => needIn('OPEN').match(cast.secretariat, { standingOffer: own }, NOW)),
    ).toBe(403);
  });

  it('refuses nobody-offers-on-their-own-need, offers on an offer, and a second pending offer', () => {
    expect(
      statusOf(() =>
        needIn('OPEN').makeOffer(
          cast.owner,
          { id: 'x', description: 'me', proposedFrom: null, proposedTo: null },
          NOW,
        ),
      ),
    ).toBe(403);
    const standing = KnowledgeExchange.post({
      id: 'ke-2',
      by: cast.partner,
      input: { ...need, kind: 'OFFER' },
      now: NOW,
    });
    expect(
      statusOf(() =>
        standing.makeOffer(
          cast.owner,
          { id: 'x', description: 'x', proposedFrom: null, proposedTo: null },
          NOW,
        ),
      ),
    ).toBe(409);
    const exchange = needIn('OPEN');
    exchange.makeOffer(
      cast.partner,
      { id: 'a', description: 'a', proposedFrom: null, proposedTo: null },
      NOW,
    );
    expect(
      statusOf(() =>
        exchange.makeOffer(
          cast.partner,
          { id: 'b', description: 'b', proposedFrom: null, proposedTo: null },
          NOW,
        ),
      ),
    ).toBe(409);
  });

  it.each([
    [
      'reversed preferred dates',
      () =>
        KnowledgeExchange.post({
          id: 'x',
          by: cast.owner,
          input: { ...need, preferredFrom: '2026-10-01', preferredTo: '2026-09-01' },
          now: NOW,
        }),
    ],
    [
      'reversed schedule',
      () =>
        needIn('MATCHED').schedule(
          cast.owner,
          { ...schedule, startsOn: '2026-09-16', endsOn: '2026-09-14' },
          NOW,
        ),
    ],
    [
      'an in-person meeting with no place',
      () => needIn('MATCHED').schedule(cast.owner, { ...schedule, location: null }, NOW),
    ],
    [
      'a rating of 6',
      () => needIn('SCHEDULED').complete(cast.owner, { ...outcome, rating: 6 }, NOW),
    ],
    [
      'a rating of 0',
      () => needIn('SCHEDULED').complete(cast.owner, { ...outcome, rating: 0 }, NOW),
    ],
    ['a cancellation without reason', () => needIn('OPEN').cancel(cast.owner, ' ', NOW)],
  ])('refuses %s with 400', (_, fn) => {
    expect(statusOf(fn)).toBe(400);
  });

  it('is posted by focal points only, and records each step', () => {
    expect(
      statusOf(() =>
        KnowledgeExchange.post({ id: 'x', by: cast.secretariat, input: need, now: NOW }),
      ),
    ).toBe(403);
    const exchange = needIn('COMPLETED');
    expect(exchange.pullChanges().map((c) => c.action)).toEqual([
      'POSTED',
      'OFFER_RECEIVED',
      'MATCHED',
      'SCHEDULED',
      'COMPLETED',
    ]);
    expect(exchange.outcome).toMatchObject({
      rating: 5,
      lessonsLearned: ['A single case manager per returnee'],
    });
  });
});
