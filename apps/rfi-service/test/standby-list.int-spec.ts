import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Actor, ListRfisCommand } from '@bp/contracts';
import { StandbyHeartbeat, StandbyReads } from '@bp/persistence';
import { eventually } from '../../../test/support/test-env';
import {
  onStandbyPair,
  readsFrom,
  replay,
  standbyTestDatabase,
} from '../../../test/support/standby-replay';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { RfiListQuery } from '../src/infrastructure/persistence/rfi-list.query';
import { RfiRepository } from '../src/infrastructure/persistence/rfi.repository';
import { InformationRequest } from '../src/domain/information-request';
import { RfiLists } from '../src/application/rfi-lists';
import { generateWorld } from './generated-rfis';
import { storeWorld } from './stored-world';
import { PARTIES } from './generated-cast';
import { draftInput } from './rfi-fixtures';

const MAX_STALENESS_MS = 4_000;

/**
 * Every filter of the list, the search among them: the secretariat searches a METADATA_ONLY
 * request's title only, so the primary's check must apply the search as the caller's role does.
 */
const QUERIES: readonly ListRfisCommand[] = [
  {},
  { box: 'sent' },
  { box: 'received', status: 'ROUTED' },
  { limit: 3 },
  { q: 'smuggling' },
  { q: 'route', box: 'received' },
  { overdue: 'true' },
  { priority: 'URGENT', topic: 'ASYLUM' },
  { party: 'SRB' },
];

describe('GET /rfis from a streaming standby: chosen there, told and checked on the primary', () => {
  const config = ormConfig(onStandbyPair('bp_rfi_standby_it', MAX_STALENESS_MS));
  const db = standbyTestDatabase(config);

  const world = generateWorld(20260519, 80);
  const listing = new RfiListQuery();
  const reads = new StandbyReads(config.database.standby);
  const lists = new RfiLists(listing, reads);
  const em = () => db.orm().em.fork() as EntityManager;
  const now = world.now;
  const beat = () => new StandbyHeartbeat(db.orm()).pass();
  const onPrimary = (actor: Actor, query: ListRfisCommand = {}) =>
    listing.list(em(), actor, query, now);
  const viaLists = (actor: Actor, query: ListRfisCommand = {}) =>
    lists.list(em(), actor, query, now);
  /** The list as the standby alone would give it: what a page without the primary's check shows. */
  const standbyAlone = (actor: Actor, query: ListRfisCommand = {}) =>
    reads.read(em(), async (reader, source) => ({
      source,
      page: await listing.list(reader, actor, query, now),
    }));
  const caughtUp = async () => {
    await beat();
    await replay.caughtUp();
  };

  beforeAll(async () => {
    await storeWorld(em(), world);
    await caughtUp();
  }, 60_000);

  it('gives every caller the page the primary gives, read on the standby', async () => {
    const before = await readsFrom('standby');
    let compared = 0;
    const shown = new Map<ListRfisCommand, number>();
    for (const actor of world.actors) {
      for (const query of QUERIES) {
        const page = await viaLists(actor, query);
        expect(page).toEqual(await onPrimary(actor, query));
        shown.set(query, (shown.get(query) ?? 0) + page.items.length);
        compared += 1;
      }
    }
    expect(await readsFrom('standby')).toBe(before + compared);
    // Each filter found something for someone: none of the comparisons was of two empty pages only.
    expect(QUERIES.filter((query) => !shown.get(query))).toEqual([]);
  });

  it('leaves out what the caller may no longer see, though the standby still shows it', async () => {
    const officer = await firstWith('liaison_officer');
    const shown = await onPrimary(officer);
    await caughtUp();
    await replay.pause();
    try {
      // The officer's posting ends on the primary; the paused standby has not seen it.
      await em().execute(`update posting set status = 'ENDED' where officer_id = ?`, [
        officer.officerId,
      ]);
      await beat();
      const stale = await standbyAlone(officer);
      expect(stale.source).toBe('standby');
      expect(stale.page.items.map((item) => item.id)).toEqual(shown.items.map((item) => item.id));

      const page = await viaLists(officer);
      expect(page).toEqual({ items: [], nextCursor: null });
      const told = JSON.stringify(page);
      for (const item of shown.items) {
        expect(told).not.toContain(item.id);
        expect(told).not.toContain(item.reference);
      }
    } finally {
      await replay.resume();
    }
    await caughtUp();
    expect(await viaLists(officer)).toEqual({ items: [], nextCursor: null });
  });

  it('shows rows as the primary holds them, and misses only what the standby has not replayed, up to the bound', async () => {
    const requester = await firstWith('focal_point', { box: 'sent' });
    const sent = await onPrimary(requester, { box: 'sent' });
    const first = sent.items[0]!;
    await caughtUp();
    await replay.pause();
    const filed = InformationRequest.draft({
      id: randomUUID(),
      reference: 'RFI-2026-900001',
      requester,
      input: draftInput('BILATERAL', [PARTIES.find((party) => party !== requester.party)!]),
      // After every generated request: the newest of the list.
      now: new Date('2026-06-01T00:00:00Z'),
    });
    try {
      await em().transactional(async (tx) => {
        await new RfiRepository().save(tx, filed, []);
        await tx.execute('update information_request set title = ? where id = ?', [
          'Retitled on the primary',
          first.id,
        ]);
      });
      await beat();
      // Chosen on the standby: the request filed since is not there yet (the staleness allowed);
      // told by the primary: the title is the primary's.
      const page = await viaLists(requester, { box: 'sent' });
      expect(page.items.map((item) => item.id)).toEqual(sent.items.map((item) => item.id));
      expect(page.items[0]!.title).toBe('Retitled on the primary');

      // Once the standby's heartbeat is older than the bound, the primary answers instead.
      const fromPrimary = await eventually(
        'the standby to fall behind the bound',
        async () => {
          await beat();
          const answer = await viaLists(requester, { box: 'sent' });
          return answer.items[0]?.id === filed.id ? answer : undefined;
        },
        MAX_STALENESS_MS * 3,
        250,
      );
      expect(fromPrimary).toEqual(await onPrimary(requester, { box: 'sent' }));
    } finally {
      await replay.resume();
    }
    await caughtUp();
    const before = await readsFrom('standby');
    expect(await viaLists(requester, { box: 'sent' })).toEqual(
      await onPrimary(requester, { box: 'sent' }),
    );
    expect(await readsFrom('standby')).toBe(before + 1);
  }, 30_000);

  it('reads the whole page on the primary when one of its rows, or the one past it, no longer matches there', async () => {
    const open: ListRfisCommand = { box: 'received', status: 'ROUTED' };
    const recipient = await firstWith('focal_point', open, 3);
    const all = (await onPrimary(recipient, { ...open, limit: 100 })).items.map((item) => item.id);
    // A row inside the page, and the row past a page that ends one before the last: only the
    // latter says whether there are more.
    for (const [changed, limit] of [
      [all[1]!, 2],
      [all.at(-1)!, all.length - 1],
    ] as const) {
      const query = { ...open, limit };
      await caughtUp();
      await replay.pause();
      try {
        await em().execute(`update information_request set status = 'CLOSED' where id = ?`, [
          changed,
        ]);
        await beat();
        const stale = await standbyAlone(recipient, { ...query, limit: 100 });
        expect(stale.source).toBe('standby');
        expect(stale.page.items.map((item) => item.id)).toContain(changed);

        const page = await viaLists(recipient, query);
        expect(page).toEqual(await onPrimary(recipient, query));
        expect(JSON.stringify(page)).not.toContain(changed);
      } finally {
        await replay.resume();
        await em().execute(`update information_request set status = 'ROUTED' where id = ?`, [
          changed,
        ]);
      }
    }
    await caughtUp();
    // Without the change, that page does say there are more: the case above was the one past it.
    expect((await viaLists(recipient, { ...open, limit: all.length - 1 })).nextCursor).not.toBe(
      null,
    );
  }, 30_000);

  /** The first generated caller of the role whose list holds at least `count` requests. */
  async function firstWith(
    role: Actor['role'],
    query: ListRfisCommand = {},
    count = 1,
  ): Promise<Actor> {
    for (const actor of world.actors.filter((candidate) => candidate.role === role)) {
      const { items, nextCursor } = await onPrimary(actor, { ...query, limit: 100 });
      if (items.length >= count && nextCursor === null) return actor;
    }
    throw new Error(`The generated world has no ${role} whose list holds ${count} requests`);
  }
});
