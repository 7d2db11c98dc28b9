import { Logger } from '@nestjs/common';
import { IsolationLevel } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { sharedCounter } from '@bp/observability';
import { StandbySettings } from './database-settings';
import { isTransientDatabaseError } from './transient-errors';

/** Where a read was answered from. */
export type ReadSource = 'standby' | 'primary';

/** Why a read that could have gone to the standby went to the primary. */
export type PrimaryFallback = 'behind' | 'unavailable';

/**
 * How long ago, by the standby's clock, the primary's last heartbeat was written: the standby is
 * at most this far behind (plus up to one beat interval). Null when no beat has reached it yet.
 */
const STANDBY_LAG_SQL = `select (extract(epoch from clock_timestamp() - beat_at) * 1000)::float8 as lag_ms
  from standby_heartbeat where id = 1`;

const reads = sharedCounter({
  name: 'bp_database_reads_total',
  help: 'Reads that may use the standby (lists, search, statistics), by where they were answered and why',
  labelNames: ['source', 'reason'] as const,
});

class StandbyBehind extends Error {
  constructor(readonly lagMs: number | null) {
    super(
      lagMs === null ? 'no heartbeat on the standby yet' : `standby ${Math.round(lagMs)} ms behind`,
    );
  }
}

/**
 * Runs read-only work on the streaming standby (DATABASE_READ_URL) when it is at most
 * `maxStalenessMs` behind the primary, and on the primary otherwise: when it lags more, does not
 * answer, or cancels the read for a conflict with recovery. The lag and the work are read in one
 * REPEATABLE READ snapshot, so the bound holds for everything the work reads there.
 *
 * The work is told where it runs. On the standby it may choose rows, never decide need to know:
 * what a caller may see is checked on the primary (the primary's em stays in the caller's hands).
 */
export class StandbyReads {
  private readonly logger = new Logger(StandbyReads.name);
  private lastSource: ReadSource | null = null;

  constructor(private readonly standby: StandbySettings | undefined) {}

  get configured(): boolean {
    return this.standby !== undefined;
  }

  async read<T>(
    em: EntityManager,
    work: (reader: EntityManager, source: ReadSource) => Promise<T>,
  ): Promise<T> {
    if (!this.standby) return work(em, 'primary');
    let onStandby: T;
    try {
      onStandby = await this.onStandby(em, this.standby, work);
    } catch (error) {
      const reason = fallbackOf(error);
      if (!reason) throw error;
      this.answeredFrom('primary', reason, error);
      return work(em, 'primary');
    }
    this.answeredFrom('standby');
    return onStandby;
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

  private onStandby<T>(
    em: EntityManager,
    standby: StandbySettings,
    work: (reader: EntityManager, source: ReadSource) => Promise<T>,
  ): Promise<T> {
    const connection = em.getConnection('read');
    return connection.transactional(
      async (trx) => {
        const [beat] = await connection.execute<{ lag_ms: number | null }[]>(
          STANDBY_LAG_SQL,
          [],
          'all',
          trx,
        );
        const lagMs = beat?.lag_ms ?? null;
        if (lagMs === null || lagMs > standby.maxStalenessMs) throw new StandbyBehind(lagMs);
        const reader = em.fork() as EntityManager;
        reader.setTransactionContext(trx);
        return work(reader, 'standby');
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
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

function fallbackOf(error: unknown): PrimaryFallback | null {
  if (error instanceof StandbyBehind) return 'behind';
  // A standby cancels a read that would hold back replay (SQLSTATE 40001): transient, like an outage.
  return isTransientDatabaseError(error) ? 'unavailable' : null;
}
