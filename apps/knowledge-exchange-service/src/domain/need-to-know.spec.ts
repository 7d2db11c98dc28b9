import { actor } from '../../../../test/support/domain-fixtures';
import { KnowledgeExchange } from './knowledge-exchange';
import {
  ExchangeRelation,
  relationToExchange,
  seesOffers,
  seesPartner,
  shownExchangeVersion,
  shownUpdatedAt,
  takesPart,
  visibleOffers,
} from './need-to-know';

const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 8, minute));
const cast = {
  owner: actor('fp-mkd', 'focal_point', 'MKD'),
  partner: actor('fp-aut', 'focal_point', 'AUT'),
  offerer: actor('fp-ita', 'focal_point', 'ITA'),
  other: actor('fp-srb', 'focal_point', 'SRB'),
  // An officer's account carries its sending party; it never acts for that party here.
  officerOfOwner: actor('lo-mkd', 'liaison_officer', 'MKD', 'officer-1'),
  secretariat: actor('secretariat', 'secretariat', null),
};
type Who = keyof typeof cast;

function posted(): KnowledgeExchange {
  return KnowledgeExchange.post({
    id: 'ke-1',
    by: cast.owner,
    now: at(0),
    input: {
      kind: 'NEED',
      type: 'STUDY_VISIT',
      topics: ['REINTEGRATION'],
      title: 'Study visit on referral systems',
      description: 'How are returnees referred?',
      format: 'IN_PERSON',
      preferredFrom: null,
      preferredTo: null,
    },
  });
}

function offer(exchange: KnowledgeExchange, who: Who, minute: number) {
  return exchange.makeOffer(
    cast[who],
    { id: `offer-${who}`, description: `${who} hosts`, proposedFrom: null, proposedTo: null },
    at(minute),
  );
}

const schedule = {
  startsOn: '2026-09-14',
  endsOn: '2026-09-16',
  location: 'Vienna',
  online: false,
};

/** Two offers (AUT, ITA), AUT's accepted, scheduled and moved once. */
function rescheduled(): KnowledgeExchange {
  const exchange = posted();
  offer(exchange, 'partner', 1);
  offer(exchange, 'offerer', 2);
  exchange.match(cast.owner, { offerId: 'offer-partner' }, at(3));
  exchange.schedule(cast.partner, schedule, at(4));
  exchange.schedule(cast.partner, { ...schedule, location: 'Graz' }, at(5));
  return exchange;
}

const relation = (who: Who, exchange: KnowledgeExchange) => relationToExchange(cast[who], exchange);

describe('need to know: knowledge exchange', () => {
  it('knows each caller’s relation to a matched need', () => {
    const exchange = rescheduled();
    const relations = Object.fromEntries(
      (Object.keys(cast) as Who[]).map((who) => [who, relation(who, exchange)]),
    );
    expect(relations).toEqual({
      owner: 'OWNER',
      partner: 'PARTNER',
      offerer: 'OFFERER',
      other: 'OTHER',
      officerOfOwner: 'OTHER',
      secretariat: 'SECRETARIAT',
    });
  });

  it('shows offers on a need to its owner and the secretariat, to an offering party its own, to nobody else', () => {
    const exchange = rescheduled();
    const parties = (who: Who) =>
      visibleOffers(cast[who], relation(who, exchange), exchange).map((o) => o.party);
    expect(parties('owner')).toEqual(['AUT', 'ITA']);
    expect(parties('secretariat')).toEqual(['AUT', 'ITA']);
    expect(parties('partner')).toEqual(['AUT']);
    expect(parties('offerer')).toEqual(['ITA']);
    expect(parties('other')).toEqual([]);
    expect(seesOffers('OTHER')).toBe(false);
    expect(seesOffers('OFFERER')).toBe(true);
  });

  it('keeps the match, schedule and reasons with those taking part until the outcome is public', () => {
    const taking = (
      ['OWNER', 'PARTNER', 'OFFERER', 'SECRETARIAT', 'OTHER'] as ExchangeRelation[]
    ).filter(takesPart);
    expect(taking).toEqual(['OWNER', 'PARTNER', 'SECRETARIAT']);
    expect(seesPartner('OTHER', 'SCHEDULED')).toBe(false);
    expect(seesPartner('OFFERER', 'MATCHED')).toBe(false);
    expect(seesPartner('OTHER', 'COMPLETED')).toBe(true);
  });
});

describe('need to know: the version and update time a caller is shown', () => {
  const shown = (who: Who, exchange: KnowledgeExchange) =>
    shownExchangeVersion(cast[who], relation(who, exchange), exchange);

  it('does not move for offers the caller cannot see', () => {
    const exchange = posted();
    const before = shown('other', exchange);
    offer(exchange, 'partner', 1);
    offer(exchange, 'offerer', 2);
    expect(exchange.version).toBe(3);
    expect(shown('other', exchange)).toBe(before);
    expect(shown('officerOfOwner', exchange)).toBe(before);
    expect(shown('offerer', exchange)).toBe(2);
    expect(shown('owner', exchange)).toBe(3);
    expect(shownUpdatedAt(cast.other, 'OTHER', exchange)).toEqual(at(0));
    expect(shownUpdatedAt(cast.offerer, 'OFFERER', exchange)).toEqual(at(2));
    expect(shownUpdatedAt(cast.partner, 'OFFERER', exchange)).toEqual(at(1));
    expect(shownUpdatedAt(cast.owner, 'OWNER', exchange)).toEqual(at(2));
  });

  it('does not move for a moved schedule the caller cannot see, but for every status change', () => {
    const exchange = rescheduled();
    // posted 1, two offers 3, matched 4, scheduled 5, moved 6
    expect(exchange.version).toBe(6);
    expect(shown('owner', exchange)).toBe(6);
    expect(shown('secretariat', exchange)).toBe(6);
    expect(shown('partner', exchange)).toBe(5);
    expect(shown('offerer', exchange)).toBe(4);
    expect(shown('other', exchange)).toBe(3);
    expect(shownUpdatedAt(cast.other, 'OTHER', exchange)).toEqual(at(4));
    expect(shownUpdatedAt(cast.partner, 'PARTNER', exchange)).toEqual(at(5));
    exchange.complete(
      cast.owner,
      { summary: 'Seen', lessonsLearned: [], rating: 4, comment: null },
      at(9),
    );
    expect(shown('other', exchange)).toBe(4);
    expect(shown('owner', exchange)).toBe(7);
    expect(shownUpdatedAt(cast.offerer, 'OFFERER', exchange)).toEqual(at(9));
  });

  it('counts a cancellation of an open need', () => {
    const exchange = posted();
    offer(exchange, 'offerer', 1);
    exchange.cancel(cast.owner, 'no longer needed', at(2));
    expect(shown('other', exchange)).toBe(2);
    expect(shown('owner', exchange)).toBe(3);
  });
});
