import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Actor, EXCHANGE_STATUSES } from '@bp/domain-kernel';
import { CommandContext } from '@bp/messaging';
import { migrateDatabase, mikroOrmOptions } from '@bp/persistence';
import { DATABASE_URL } from '../../../test/support/test-env';
import { dropTestDatabase } from '../../../test/support/database-fixtures';
import { seedFor } from '../../../test/support/seeded-random';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { KnowledgeExchanges } from '../src/application/knowledge-exchanges';
import { KnowledgeExchangeRepository } from '../src/infrastructure/persistence/knowledge-exchange.repository';
import { KnowledgeExchangeListQuery } from '../src/infrastructure/persistence/knowledge-exchange-list.query';
import { KnowledgeExchangeUnitOfWork } from '../src/infrastructure/persistence/knowledge-exchange.unit-of-work';
import { KnowledgeExchange } from '../src/domain/knowledge-exchange';
import { ExchangeRelation, relationToExchange, seesPartner } from '../src/domain/need-to-know';
import { PARTIES, generateExchanges } from './generated-exchanges';
import { Disagreements } from '../../../test/support/disagreements';

/**
 * The list's SQL filters (infrastructure/persistence/knowledge-exchange-list.query.ts) against the
 * domain's need to know (domain/need-to-know.ts) for every caller, party filter and generated
 * exchange. Every reader sees every exchange; who was matched is known to those taking part and,
 * once it is complete, to all, so a filter on the partner must not tell anyone else.
 * NEED_TO_KNOW_SEED=<n> replays a world.
 */
const SEED = seedFor(20260519);
const COUNT = 200;
/** The generated parties, and one that takes part in nothing. */
const FILTERED_PARTIES = [...PARTIES, 'DEU'];

describe(`knowledge exchange: the domain's need to know and the list's SQL agree on every caller and exchange (seed ${SEED})`, () => {
  const config = ormConfig({ serverUrl: DATABASE_URL, name: 'bp_ke_ntk_test' });
  const { callers, exchanges } = generateExchanges(SEED, COUNT);
  const repository = new KnowledgeExchangeRepository();
  const useCases = new KnowledgeExchanges(
    repository,
    new KnowledgeExchangeUnitOfWork(repository),
    new KnowledgeExchangeListQuery(repository),
  );
  const disagreements = new Disagreements(SEED);
  let orm: MikroORM;
  const context = (actor: Actor): CommandContext => ({
    actor,
    em: orm.em.fork() as EntityManager,
    correlationId: 'need-to-know-agreement',
  });

  beforeAll(async () => {
    process.stdout.write(
      `knowledge exchange agreement: seed ${SEED} (NEED_TO_KNOW_SEED=${SEED})\n`,
    );
    await dropTestDatabase(config.database);
    await migrateDatabase(config);
    orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(config));
    await (orm.em.fork() as EntityManager).transactional(async (em) => {
      for (const exchange of exchanges) em.persist(exchange);
    });
  }, 60_000);

  afterAll(async () => {
    await orm?.close(true);
    await dropTestDatabase(config.database);
  });

  /** Every page of an answer, through the service's own use case. */
  async function allIds(
    read: (cursor?: string) => Promise<{ items: { id: string }[]; nextCursor: string | null }>,
  ): Promise<Set<string>> {
    const ids = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await read(cursor);
      for (const item of page.items) ids.add(item.id);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  }

  function disagree(
    what: string,
    caller: Actor,
    e: KnowledgeExchange,
    domain: boolean,
    sql: boolean,
  ) {
    disagreements.push(
      `seed ${SEED}: ${what} for ${caller.username} (${caller.role}, party ${caller.party}) on ` +
        `${e.id} (${e.kind} ${e.status} of ${e.ownerParty}, partner ${e.partnerParty}, offers from ` +
        `[${e.offers.map((o) => `${o.party} ${o.status}`).join(', ')}]): domain ${domain}, SQL ${sql}`,
    );
  }

  /** "Posted by, or matched with, this party", as far as the domain lets the caller know the match. */
  const concerns = (caller: Actor, e: KnowledgeExchange, party: string) =>
    e.ownerParty === party ||
    (e.partnerParty === party && seesPartner(relationToExchange(caller, e), e.status));

  it('generates every case the rules tell apart', () => {
    const relations = callers.flatMap((c) => exchanges.map((e) => relationToExchange(c, e)));
    const coverage: Record<string, number> = {
      ...Object.fromEntries(
        EXCHANGE_STATUSES.map((s) => [
          `status ${s}`,
          exchanges.filter((e) => e.status === s).length,
        ]),
      ),
      'matched with an offer': exchanges.filter((e) => e.matchedOfferId).length,
      'matched with a standing offer': exchanges.filter((e) => e.matchedOfferExchangeId).length,
      'standing offers': exchanges.filter((e) => e.kind === 'OFFER').length,
      ...Object.fromEntries(
        (['OWNER', 'PARTNER', 'OFFERER', 'SECRETARIAT', 'OTHER'] as ExchangeRelation[]).map((r) => [
          `pairs ${r}`,
          relations.filter((x) => x === r).length,
        ]),
      ),
      'pairs with the partner withheld': callers.flatMap((c) =>
        exchanges.filter((e) => e.partnerParty && !seesPartner(relationToExchange(c, e), e.status)),
      ).length,
    };
    process.stdout.write(
      `knowledge exchange agreement, seed ${SEED}: ${callers.length} callers × ${exchanges.length} ` +
        `exchanges × ${FILTERED_PARTIES.length} party filters; ${JSON.stringify(coverage)}\n`,
    );
    expect(Object.entries(coverage).filter(([, count]) => count === 0)).toEqual([]);
  });

  it('lists every exchange to every reader, as a single one is shown to every reader', async () => {
    for (const caller of callers) {
      const listed = await allIds((cursor) =>
        useCases.list({ limit: 100, cursor }, context(caller)),
      );
      for (const e of exchanges) if (!listed.has(e.id)) disagree('listed', caller, e, true, false);
    }
    disagreements.expectNone();
  });

  it('filters by party only as far as the caller may know who was matched', async () => {
    for (const caller of callers)
      for (const party of FILTERED_PARTIES) {
        const listed = await allIds((cursor) =>
          useCases.list({ party, limit: 100, cursor }, context(caller)),
        );
        for (const e of exchanges)
          if (concerns(caller, e, party) !== listed.has(e.id))
            disagree(`party=${party}`, caller, e, concerns(caller, e, party), listed.has(e.id));
      }
    disagreements.expectNone();
  });

  it('finds in the knowledge base the completed exchanges of a party, partners included', async () => {
    for (const caller of callers)
      for (const party of FILTERED_PARTIES) {
        const found = await allIds((cursor) =>
          useCases.knowledgeBase({ party, limit: 100, cursor }, context(caller)),
        );
        for (const e of exchanges) {
          const expected = e.status === 'COMPLETED' && concerns(caller, e, party);
          if (expected !== found.has(e.id))
            disagree(`knowledge base party=${party}`, caller, e, expected, found.has(e.id));
        }
      }
    disagreements.expectNone();
  });
});
