import { EntityManager } from '@mikro-orm/postgresql';
import { PreparedStatement, advisoryLockKey, runPrepared } from '@bp/persistence';

const HOLD_FOR_DRAWING: PreparedStatement = {
  name: 'notification.hold-stream-positions',
  text: 'select pg_advisory_xact_lock($1)',
};

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
 * on; it is taken as late as it can be: by the insert of the notifications, the last step of an
 * event's handling (notification-store.ts).
 */
export class StreamPositions {
  private static readonly LOCK = advisoryLockKey('notification-stream-position');

  /** What draws the next position, for an insert made after `holdForDrawing`. */
  static readonly NEXT = "nextval('notification_position')";

  /** Held until the transaction ends: draw positions only after this. */
  async holdForDrawing(em: EntityManager): Promise<void> {
    await runPrepared(em, HOLD_FOR_DRAWING, [StreamPositions.LOCK]);
  }
}
