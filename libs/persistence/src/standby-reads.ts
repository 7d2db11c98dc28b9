import { Logger } from '@nestjs/common';
import { DriverException, IsolationLevel } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { sharedCounter } from '@bp/observability';
import { StandbySettings } from './database-settings';
import { MIGRATIONS_TABLE } from './mikro-orm-options';
import { schemaIsCurrent, schemaMarkQuery } from './schema-mark';
import { isTransientDatabaseError } from './transient-errors';

/** Where a read was answered from. */
export type ReadSource = 'standby' | 'primary';

/** Why a read that could have gone to the standby went to the primary. */
export type PrimaryFallback = 'behind' | 'unavailable';

/**
 * How long ago, by the standby's clock, the primary's last heartbeat was written (null: none has
 * reached it yet), and which migrations it has replayed (the schema mark).
 */
const STANDBY_STATE_SQL = `select
  (select (extract(epoch from clock_timestamp() - beat_at) * 1000)::float8
     from standby_heartbeat where id = 1) as lag_ms,
  (${schemaMarkQuery(MIGRATIONS_TABLE)}) as mark`;

const reads = sharedCounter({
  name: 'bp_database_reads_total',
  help: 'Reads that may use the standby (lists, search, statistics), by where they were answered and why',
  labelNames: ['source', 'reason'] as const,
});

class StandbyBehind extends Error {}

/**
 * Runs read-only work on the streaming standby (DATABASE_READ_URL) when it is at most
 * `maxStalenessMs` behind the primary and has replayed the migrations this release ships, and
 * leaves it to the primary otherwise: when the standby lags more, does not answer, or fails the
 * read in any way of its own (a conflict with recovery, a table it has not replayed yet). The
 * state and the work are read in one REPEATABLE READ snapshot, so the bound holds for everything
 * the work reads there.
 *
 * The work on the standby gets the standby's reader only: it may choose rows, never decide need
 * to know, which the caller then does on the primary, after the standby's transaction has ended.
 */
export class StandbyReads {
  private readonly logger = new Logger(StandbyReads.name);
  private lastSource: ReadSource | null = null;

  constructor(
    private readonly standby: StandbySettings | undefined,
    /** The migrations of this release, in order: the standby must have replayed them all. */
    private readonly shippedMigrations: readonly string[] = [],
  ) {}

  /**
   * `work`'s answer from the standby, or null when the primary must answer instead. A failure of
   * the work that is not the database's (a refused cursor, say) is the caller's, and is thrown.
   */
  async choose<T>(
    em: EntityManager,
    work: (reader: EntityManager) => Promise<T>,
  ): Promise<{ value: T } | null> {
    if (!this.standby) return null;
    const { maxStalenessMs } = this.standby;
    const connection = em.getConnection('read');
    let working = false;
    try {
      const value = await connection.transactional(
        async (trx) => {
          const [state] = await connection.execute<
            { lag_ms: number | null; mark: string | null }[]
          >(STANDBY_STATE_SQL, [], 'all', trx);
          this.requireUsable(state?.lag_ms ?? null, state?.mark ?? null, maxStalenessMs);
          const reader = em.fork() as EntityManager;
          reader.setTransactionContext(trx);
          working = true;
          return work(reader);
        },
        { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
      );
      this.answeredFrom('standby');
      return { value };
    } catch (error) {
      if (working && !isDatabaseFailure(error)) throw error;
      this.answeredFrom(
        'primary',
        error instanceof StandbyBehind ? 'behind' : 'unavailable',
        error,
      );
      return null;
    }
  }

  /** `work` on the standby when it may answer, else on the primary; told which. */
  async read<T>(
    em: EntityManager,
    work: (reader: EntityManager, source: ReadSource) => Promise<T>,
  ): Promise<T> {
    const chosen = await this.choose(em, (reader) => work(reader, 'standby'));
    return chosen ? chosen.value : work(em, 'primary');
  }

  /**
   * `read` for work of several statements that must see one moment (a statistics answer): on the
   * standby it already does; on the primary it runs in a read-only REPEATABLE READ transaction.
   */
  readSnapshot<T>(em: EntityManager, work: (reader: EntityManager) => Promise<T>): Promise<T> {
    return this.read(em, (reader, source) =>
      source === 'standby'
        ? work(reader)
        : em.transactional((tx) => work(tx), {
            isolationLevel: IsolationLevel.REPEATABLE_READ,
            readOnly: true,
          }),
    );
  }

  private requireUsable(lagMs: number | null, mark: string | null, maxStalenessMs: number): void {
    if (lagMs === null) throw new StandbyBehind('no heartbeat on the standby yet');
    // Far ahead of its own clock: the clocks disagree, and the bound would not hold.
    if (lagMs > maxStalenessMs || lagMs < -maxStalenessMs)
      throw new StandbyBehind(`standby ${Math.round(lagMs)} ms behind`);
    if (!schemaIsCurrent(mark, this.shippedMigrations))
      throw new StandbyBehind(`standby has not replayed the migrations of this release (${mark})`);
  }

  /** Counts every read; logs only when reads move between the two, so an outage is one line. */
  private answeredFrom(source: ReadSource, reason?: PrimaryFallback, error?: unknown): void {
    reads.inc({ source, reason: reason ?? 'fresh' });
    if (source === this.lastSource) return;
    if (source === 'primary')
      this.logger.warn(`Reads go to the primary: the standby is ${reason} (${String(error)})`);
    else if (this.lastSource !== null) this.logger.log('Reads go to the standby again');
    this.lastSource = source;
  }
}

/** The standby's own failure, as opposed to the work's: any error of the database or its driver. */
function isDatabaseFailure(error: unknown): boolean {
  return (
    error instanceof DriverException ||
    isTransientDatabaseError(error) ||
    // knex's word for a transaction whose connection died at BEGIN; pg's for a read that outlived
    // its query_timeout (mikro-orm-options.ts)
    (error instanceof Error &&
      /Transaction query already complete|Query read timeout/.test(error.message))
  );
}
