import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ListRfisCommand } from '@bp/contracts';
import { Actor } from '@bp/domain-kernel';
import { migrateDatabase, mikroOrmOptions } from '@bp/persistence';
import { DATABASE_URL } from '../../../test/support/test-env';
import { dropTestDatabase } from '../../../test/support/database-fixtures';
import { seedFor } from '../../../test/support/seeded-random';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { RfiRepository } from '../src/infrastructure/persistence/rfi.repository';
import { Postings } from '../src/infrastructure/persistence/postings';
import { RfiListQuery, RfiSummary } from '../src/infrastructure/persistence/rfi-list.query';
import { visibility } from '../src/infrastructure/persistence/need-to-know.sql';
import { InformationRequest } from '../src/domain/information-request';
import {
  PostedPair,
  Relation,
  RfiActor,
  canReadBodies,
  relationTo,
} from '../src/domain/need-to-know';
import { HistoryEntry, visibleVersion } from '../src/domain/history-visibility';
import { visibleAssignments } from '../src/application/rfi-views';
import { World, generateWorld } from './generated-rfis';
import { storeWorld } from './stored-world';
import { PARTIES } from './generated-cast';
import { coverageOf } from './need-to-know-coverage';
import { Disagreements } from '../../../test/support/disagreements';

/**
 * Need to know is stated twice: as the domain's rules, which decide what one loaded RFI shows its
 * caller, and as their SQL translation (need-to-know.sql.ts), which decides what lists, filters
 * and searches reach. This test generates RFIs and callers, stores them with the service's own
 * code, and asks both sides about every (caller, RFI) pair. The domain is the reference.
 *
 * NEED_TO_KNOW_SEED=<n> replays (or explores) another generated world.
 */
const SEED = seedFor(20260519);
const RFI_COUNT = 300;

/** What the domain says one caller sees of one RFI; null when the RFI does not exist for it. */
interface DomainView {
  relation: Relation;
  assignmentIds: string[];
  updatedAt: string;
  overdue: boolean;
}

interface Stored {
  rfi: InformationRequest;
  history: HistoryEntry[];
}

describe(`need to know: the domain rules and their SQL agree on every caller and RFI (seed ${SEED})`, () => {
  const config = ormConfig({ serverUrl: DATABASE_URL, name: 'bp_rfi_ntk_test' });
  const world: World = generateWorld(SEED, RFI_COUNT);
  const repository = new RfiRepository();
  const listing = new RfiListQuery();
  const stored: Stored[] = [];
  const postedPairs = new Map<Actor, PostedPair | null>();
  const disagreements = new Disagreements(SEED);
  let orm: MikroORM;
  const em = () => orm.em.fork() as EntityManager;

  beforeAll(async () => {
    process.stdout.write(`need to know agreement: seed ${SEED} (NEED_TO_KNOW_SEED=${SEED})\n`);
    await dropTestDatabase(config.database);
    await migrateDatabase(config);
    orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(config));
    await storeWorld(em(), world);
    // The domain's side reads back what was stored, as the use cases do before they decide.
    const reader = em();
    for (const { rfi } of world.rfis) {
      stored.push({
        rfi: (await repository.load(reader, rfi.id))!,
        history: await repository.historyOf(reader, rfi.id, { withReads: false }),
      });
    }
    for (const actor of world.actors) {
      const posting =
        actor.role === 'liaison_officer' && actor.officerId
          ? await new Postings().activeOf(reader, actor.officerId)
          : null;
      postedPairs.set(
        actor,
        posting && {
          deploymentId: posting.deploymentId,
          sending: posting.sendingParty,
          host: posting.hostParty,
        },
      );
    }
  }, 60_000);

  afterAll(async () => {
    await orm?.close(true);
    await dropTestDatabase(config.database);
  });

  /** The caller as the use cases ask the domain about it: with the posting it is on now. */
  const onPost = (caller: Actor): RfiActor => ({
    ...caller,
    postingId: postedPairs.get(caller)?.deploymentId ?? null,
  });

  function domainView(caller: Actor, { rfi, history }: Stored): DomainView | null {
    const actor = onPost(caller);
    const relation = relationTo(actor, rfi, postedPairs.get(caller));
    if (!relation) return null;
    const assignments = visibleAssignments(rfi, actor, relation);
    const seen = visibleVersion(actor, relation, rfi, history);
    return {
      relation,
      assignmentIds: assignments.map((a) => a.id).sort(),
      updatedAt: (seen.updatedAt ?? rfi.createdAt).toISOString(),
      overdue: assignments.some((a) => a.isOverdue(world.now)),
    };
  }

  /** Notes a disagreement with all it takes to reproduce it: the seed, the caller, the RFI. */
  function disagree(
    what: string,
    actor: Actor,
    { rfi, history }: Stored,
    domain: unknown,
    sql: unknown,
  ) {
    const names = new Map(world.actors.map((a) => [a.officerId, a.username]));
    const pair = postedPairs.get(actor);
    disagreements.push(
      `seed ${SEED}: ${what} for ${actor.username} (${actor.role}, party ${actor.party}, ` +
        `posted ${pair ? `${pair.sending}→${pair.host}` : 'nowhere'}) on ${rfi.reference} ` +
        `(${rfi.status} ${rfi.channel} ${rfi.secretariatAccess} from ${rfi.requesterParty} to ` +
        `[${rfi.assignments.map((a) => `${a.id.slice(0, 8)} ${a.recipientParty}${a.officerId ? `/${names.get(a.officerId)}` : ''} ${a.status}`).join(', ')}]; ` +
        `history ${history.map((h) => `${h.position} ${h.at.toISOString()} ${h.action} ${h.assignmentId?.slice(0, 8) ?? '-'}`).join(' | ')}): ` +
        `domain ${JSON.stringify(domain)}, SQL ${JSON.stringify(sql)}`,
    );
  }

  /** Every page of a list, through the service's own query. */
  async function listAll(
    actor: Actor,
    filters: Partial<ListRfisCommand> = {},
  ): Promise<Map<string, RfiSummary>> {
    const items = new Map<string, RfiSummary>();
    let cursor: string | undefined;
    do {
      const page = await listing.list(em(), actor, { ...filters, limit: 100, cursor }, world.now);
      for (const item of page.items) items.set(item.id, item);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  it('generates every case the rules tell apart', () => {
    const views = world.actors.flatMap((actor) => stored.map((s) => domainView(actor, s)));
    const coverage = coverageOf(world, stored, views);
    process.stdout.write(
      `need to know agreement, seed ${SEED}: ${world.actors.length} callers × ${stored.length} ` +
        `RFIs = ${views.length} pairs; ${JSON.stringify(coverage)}\n`,
    );
    expect(Object.entries(coverage).filter(([, count]) => count === 0)).toEqual([]);
  });

  it('lists exactly the RFIs the domain lets each caller open, each as recently changed as it saw', async () => {
    for (const actor of world.actors) {
      const listed = await listAll(actor);
      for (const s of stored) {
        const domain = domainView(actor, s);
        const sql = listed.get(s.rfi.id);
        if (!domain !== !sql) disagree('visible', actor, s, domain?.relation ?? null, !!sql);
        else if (domain && sql && domain.updatedAt !== sql.updatedAt)
          disagree('updatedAt', actor, s, domain.updatedAt, sql.updatedAt);
        else if (domain && sql && domain.overdue !== sql.overdue)
          disagree('overdue', actor, s, domain.overdue, sql.overdue);
      }
    }
    disagreements.expectNone();
  });

  it('lets filters look at exactly the assignments the domain shows each caller', async () => {
    for (const actor of world.actors) {
      const { rfi, visibleAssignment } = visibility(actor);
      const rows = await em().execute<{ rfi_id: string; id: string }[]>(
        `select r.id as rfi_id, a.id from information_request r join rfi_assignment a on a.rfi_id = r.id
         where ${rfi.text} and ${visibleAssignment.text}`,
        [...rfi.params, ...visibleAssignment.params],
      );
      for (const s of stored) {
        const domain = domainView(actor, s)?.assignmentIds ?? [];
        const sql = rows
          .filter((row) => row.rfi_id === s.rfi.id)
          .map((row) => row.id)
          .sort();
        if (domain.join() !== sql.join()) disagree('visible assignments', actor, s, domain, sql);
      }
    }
    disagreements.expectNone();
  });

  it('searches questions, and filters by party and overdue, only as far as the domain shows them', async () => {
    for (const actor of world.actors) {
      // Every question names the facilitators; no title does.
      const found = await listAll(actor, { q: 'facilitators' });
      for (const s of stored) {
        const domain = domainView(actor, s);
        const readable = !!domain && canReadBodies(domain.relation, s.rfi);
        if (readable !== found.has(s.rfi.id))
          disagree('q in the question', actor, s, readable, found.has(s.rfi.id));
      }
      const overdue = await listAll(actor, { overdue: 'true' });
      for (const s of stored) {
        const domain = domainView(actor, s);
        if (!!domain?.overdue !== overdue.has(s.rfi.id))
          disagree('overdue=true', actor, s, !!domain?.overdue, overdue.has(s.rfi.id));
      }
      for (const party of PARTIES) {
        const listed = await listAll(actor, { party });
        for (const s of stored) {
          const domain = domainView(actor, s);
          const concerns =
            !!domain &&
            (s.rfi.requesterParty === party ||
              s.rfi.assignments.some(
                (a) => a.recipientParty === party && domain.assignmentIds.includes(a.id),
              ));
          if (concerns !== listed.has(s.rfi.id))
            disagree(`party=${party}`, actor, s, concerns, listed.has(s.rfi.id));
        }
      }
    }
    disagreements.expectNone();
  });

  it("files in the sent and received boxes what the domain calls the caller's own", async () => {
    for (const actor of world.actors) {
      const sent = await listAll(actor, { box: 'sent' });
      const received = await listAll(actor, { box: 'received' });
      for (const s of stored) {
        const visible = !!domainView(actor, s);
        const mine = visible && s.rfi.isRequester(onPost(actor));
        const addressed = visible && s.rfi.assignmentsOf(onPost(actor)).length > 0;
        if (mine !== sent.has(s.rfi.id)) disagree('box=sent', actor, s, mine, sent.has(s.rfi.id));
        if (addressed !== received.has(s.rfi.id))
          disagree('box=received', actor, s, addressed, received.has(s.rfi.id));
      }
    }
    disagreements.expectNone();
  });

  it('suggests as similar only requests the caller may open, as recently changed as it saw', async () => {
    for (const actor of world.actors) {
      for (const s of stored.filter((_, i) => i % 15 === 0)) {
        const similar = await listing.similar(em(), actor, s.rfi, world.now);
        for (const item of similar) {
          const other = stored.find((o) => o.rfi.id === item.id)!;
          const domain = domainView(actor, other);
          if (!domain) disagree('similar', actor, other, null, item.id);
          else if (domain.updatedAt !== item.updatedAt)
            disagree('similar updatedAt', actor, other, domain.updatedAt, item.updatedAt);
        }
      }
    }
    disagreements.expectNone();
  });
});
