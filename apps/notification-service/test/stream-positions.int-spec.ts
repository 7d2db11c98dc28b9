import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { DATABASE_URL, eventually } from '../../../test/support/test-env';
import { serviceTestDatabase } from '../../../test/support/database-fixtures';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { NotificationStore } from '../src/infrastructure/persistence/notification-store';
import { StreamQuery } from '../src/infrastructure/persistence/stream.query';
import { focalPointsOf } from '../src/domain/audience';

/*
 * Stream positions must become visible in the order they were drawn, or a client resuming after
 * the highest it saw misses a lower one that committed later. Two transactions here stand for two
 * instances of the service storing notifications at once, on a real PostgreSQL.
 */
describe('stream positions are visible in the order they are drawn', () => {
  const config = ormConfig({ serverUrl: DATABASE_URL, name: 'bp_notification_positions_test' });
  const store = new NotificationStore();
  const stream = new StreamQuery();
  const KEY = 'focal_point:SRB';
  const database = serviceTestDatabase(config);

  /**
   * Begins a transaction that stores one notification for SRB, numbered by its insert; the promise
   * settles once it has its number (after any other transaction's that drew before it ended).
   */
  async function storeAndNumber(): Promise<{ em: EntityManager; numbered: Promise<string> }> {
    const em = database.orm().em.fork() as EntityManager;
    await em.begin();
    const numbered = store
      .add(
        em,
        randomUUID(),
        [
          {
            kind: 'RFI_ROUTED',
            audience: focalPointsOf('SRB'),
            subject: { type: 'rfi', id: randomUUID() },
            details: {},
          },
        ],
        new Date(),
      )
      .then(([stored]) => stored!.position);
    return { em, numbered };
  }

  const after = (position: string) =>
    stream.after(database.orm().em.fork() as EntityManager, [KEY], position, 100);

  /** Whether some session waits for an advisory lock now. */
  const someoneWaits = async () => {
    const rows = await database.orm().em.fork().getConnection().execute<
      { waiting: string }[]
    >(`select count(*) as waiting from pg_locks where locktype = 'advisory' and not granted
           and database = (select oid from pg_database where datname = current_database())`);
    return Number(rows[0]!.waiting) > 0;
  };

  it('makes a second transaction draw only after the first has committed', async () => {
    const first = await storeAndNumber();
    const firstPosition = await first.numbered;
    const second = await storeAndNumber();
    // The second waits for the lock the first holds until it ends.
    await eventually('the second transaction to wait', someoneWaits);
    const before = await after(String(BigInt(firstPosition) - 1n));
    expect(before).toEqual([]); // nothing committed yet
    await first.em.commit();
    const secondPosition = await second.numbered;
    expect(BigInt(secondPosition)).toBeGreaterThan(BigInt(firstPosition));
    // Between the two commits a reader sees the first, and the second once it commits.
    expect((await after(String(BigInt(firstPosition) - 1n))).map((i) => i.position)).toEqual([
      firstPosition,
    ]);
    await second.em.commit();
    expect((await after(firstPosition)).map((i) => i.position)).toEqual([secondPosition]);
  });

  it('lets the next transaction on once one rolls back, leaving a gap a reader does not wait for', async () => {
    const abandoned = await storeAndNumber();
    const gap = await abandoned.numbered;
    const next = await storeAndNumber();
    await eventually('the next transaction to wait', someoneWaits);
    await abandoned.em.rollback();
    const position = await next.numbered;
    await next.em.commit();
    expect(BigInt(position)).toBeGreaterThan(BigInt(gap));
    expect((await after(String(BigInt(gap) - 1n))).map((i) => i.position)).toEqual([position]);
  });

  it('answers a catch-up oldest first, as the inbox shows each notification', async () => {
    const { em, numbered } = await storeAndNumber();
    const position = await numbered;
    await em.commit();
    const [item] = await after(String(BigInt(position) - 1n));
    expect(item).toEqual({
      position,
      audienceKey: KEY,
      notification: {
        id: expect.any(String),
        kind: 'RFI_ROUTED',
        subject: { type: 'rfi', id: expect.any(String) },
        details: {},
        createdAt: expect.any(String),
      },
    });
    expect(
      await stream.after(database.orm().em.fork() as EntityManager, ['focal_point:HUN'], '0', 100),
    ).toEqual([]);
  });
});
