import {
  Actor,
  DomainError,
  EXCHANGE_FORMATS,
  EXCHANGE_STATUSES,
  EXCHANGE_TYPES,
  ExchangeStatus,
} from '@bp/domain-kernel';
import { KnowledgeExchange } from '../src/domain/knowledge-exchange';
import { SeededRandom } from '../../../test/support/seeded-random';

/**
 * Needs, standing offers and the callers who read them, made by a seeded generator and built
 * through KnowledgeExchange's own methods, so every exchange is one the service could hold: a
 * refused random step is simply skipped.
 */

export const PARTIES = ['PAK', 'SRB', 'HUN', 'AUT', 'TUR', 'ICMPD'] as const;

export interface ExchangeWorld {
  callers: Actor[];
  exchanges: KnowledgeExchange[];
}

const T0 = Date.parse('2026-02-02T08:00:00Z');
const HOUR = 3_600_000;

export function generateExchanges(seed: number, count: number): ExchangeWorld {
  const random = new SeededRandom(seed);
  const user = (username: string, role: Actor['role'], party: string | null): Actor => ({
    userId: random.uuid(),
    username,
    role,
    party,
    officerId: role === 'liaison_officer' ? random.uuid() : null,
  });
  const focalPoints = new Map<string, Actor>(
    PARTIES.map((party) => [party, user(`fp-${party.toLowerCase()}`, 'focal_point', party)]),
  );
  const secretariats = [
    user('secretariat', 'secretariat', null),
    // A legacy account with ICMPD's code: the secretariat takes part in every exchange as itself.
    user('secretariat-icmpd', 'secretariat', 'ICMPD'),
  ];
  const callers = [
    ...focalPoints.values(),
    ...secretariats,
    // An officer's account carries its sending party but never acts for it here.
    user('lo-pak', 'liaison_officer', 'PAK'),
  ];
  let clock = T0;
  const now = () => new Date((clock += random.int(1, 48) * HOUR));
  const attempt = (step: () => unknown) => {
    try {
      step();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  };

  const exchanges: KnowledgeExchange[] = [];
  for (let i = 0; i < count; i++) {
    const owner = focalPoints.get(random.pick(PARTIES))!;
    const exchange = KnowledgeExchange.post({
      id: random.uuid(),
      by: owner,
      now: now(),
      input: {
        kind: random.chance(0.7) ? 'NEED' : 'OFFER',
        type: random.pick(EXCHANGE_TYPES),
        topics: ['REINTEGRATION'],
        title: 'Referral systems for returnees',
        description: 'A study visit to a one-stop referral desk',
        format: random.pick(EXCHANGE_FORMATS),
        preferredFrom: null,
        preferredTo: null,
      },
    });
    const target: ExchangeStatus = random.pick(EXCHANGE_STATUSES);
    const others = PARTIES.filter((party) => party !== owner.party);
    for (const party of random.some(others, random.int(0, 3))) {
      const offer = {
        id: random.uuid(),
        description: 'We host',
        proposedFrom: null,
        proposedTo: null,
      };
      attempt(() => exchange.makeOffer(focalPoints.get(party)!, offer, now()));
    }
    // Those taking part: the owner, the matched partner and the secretariat.
    const involved = () =>
      random.pick([owner, ...secretariats, focalPoints.get(exchange.partnerParty ?? '') ?? owner]);
    if (target !== 'OPEN' && target !== 'CANCELLED') {
      const standing = exchanges.filter((e) => e.kind === 'OFFER' && e.status === 'OPEN');
      attempt(() =>
        exchange.match(
          involved(),
          random.chance(0.3) && standing.length
            ? { standingOffer: random.pick(standing) }
            : { offerId: exchange.offers.length ? random.pick(exchange.offers).id : undefined },
          now(),
        ),
      );
    }
    if (target === 'SCHEDULED' || target === 'COMPLETED') {
      const schedule = {
        startsOn: '2026-09-01',
        endsOn: '2026-09-03',
        location: null,
        online: true,
      };
      attempt(() => exchange.schedule(involved(), schedule, now()));
    }
    if (target === 'COMPLETED') {
      const outcome = { summary: 'Done', lessonsLearned: [], rating: 4, comment: null };
      attempt(() => exchange.complete(involved(), outcome, now()));
    }
    if (target === 'CANCELLED') {
      if (random.chance(0.5))
        attempt(() => exchange.match(involved(), { offerId: exchange.offers[0]?.id }, now()));
      attempt(() => exchange.cancel(involved(), 'No longer needed', now()));
    }
    exchange.pullChanges();
    exchanges.push(exchange);
  }
  return { callers, exchanges };
}
