import { EntityManager } from '@mikro-orm/postgresql';
import { advisoryLockKey, textArray } from '@bp/persistence';

/**
 * Numbers new notifications for the live stream so that positions become visible in the order
 * they were drawn: a client that has seen position N and asks for "after N" must never miss a
 * notification numbered below N that committed later.
 *
 * A sequence alone does not give that: two transactions (two instances, or two partitions of one)
 * draw 7 and 8, the one holding 8 commits first, a client reads 8 and resumes after it, then 7
 * commits, unseen forever. So a transaction takes one transaction-scoped advisory lock before it
 * draws and holds it until it ends. PostgreSQL makes a commit visible before it releases the
 * transaction's locks, so the next transaction draws only after every lower position is visible
 * (or rolled back, leaving a gap nobody waits for): whoever sees position N sees all below it.
 *
 * The price is that transactions storing notifications commit one after another from this point
 * on; it is taken last in the transaction (the fan-out runs after the inbox entry and the rows).
 */
export class StreamPositions {
  private static readonly LOCK = advisoryLockKey('notification-stream-position');

  /** Gives each notification its position, in the order given; answers them by notification id. */
  async assign(em: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    await em.execute('select pg_advisory_xact_lock(?)', [StreamPositions.LOCK]);
    const rows = await em.execute<{ id: string; position: string }[]>(
      `update notification n set position = numbered.position
       from (select id, nextval('notification_position') as position
             from unnest(?::uuid[]) with ordinality as given (id, ord) order by ord) numbered
       where n.id = numbered.id
       returning n.id, n.position::text as position`,
      [textArray(ids)],
    );
    return new Map(rows.map((row) => [row.id, row.position]));
  }
}
