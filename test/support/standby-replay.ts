import { MikroORM } from '@mikro-orm/core';
import { Client } from 'pg';
import { register } from 'prom-client';
import { DatabaseSettings, ReadSource, ServiceOrmConfig } from '@bp/persistence';
import { serviceTestDatabase } from './database-fixtures';
import { eventually, standbyPair } from './test-env';

async function onServer<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The standby's replay of the primary's WAL, stopped and let go again: while it is paused, the
 * standby keeps receiving but shows nothing newer, as a standby far behind would.
 */
export const replay = {
  pause: () =>
    onServer(standbyPair.standbyUrl, (client) => client.query('select pg_wal_replay_pause()')),
  resume: () =>
    onServer(standbyPair.standbyUrl, (client) => client.query('select pg_wal_replay_resume()')),
  /** Until the standby has replayed everything the primary had written when this was called. */
  async caughtUp(): Promise<void> {
    const { rows } = await onServer(standbyPair.primaryUrl, (client) =>
      client.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn'),
    );
    await eventually('the standby to replay the primary', () =>
      onServer(standbyPair.standbyUrl, async (client) => {
        const { rows: replayed } = await client.query<{ done: boolean }>(
          'select pg_last_wal_replay_lsn() >= $1::pg_lsn as done',
          [rows[0]!.lsn],
        );
        return replayed[0]!.done;
      }),
    );
  },
};

/** A database of the standby pair's primary, its standby for reads within `maxStalenessMs`. */
export function onStandbyPair(name: string, maxStalenessMs: number): DatabaseSettings {
  return {
    serverUrl: standbyPair.primaryUrl,
    name,
    standby: { serverUrl: standbyPair.standbyUrl, maxStalenessMs },
  };
}

/**
 * A service's database on the standby pair for one spec file: the pair started first, the
 * database migrated on the primary, and the pair stopped (replay let go) after the tests.
 */
export function standbyTestDatabase(config: ServiceOrmConfig): { orm: () => MikroORM } {
  beforeAll(() => standbyPair.start(), 60_000);
  const database = serviceTestDatabase(config);
  afterAll(async () => {
    await replay.resume().catch(() => undefined);
    await standbyPair.stop();
  });
  return database;
}

/** How many reads were answered from `source` so far in this process (bp_database_reads_total). */
export async function readsFrom(source: ReadSource): Promise<number> {
  const metric = await register.getSingleMetric('bp_database_reads_total')?.get();
  return (metric?.values ?? [])
    .filter((value) => value.labels.source === source)
    .reduce((sum, value) => sum + value.value, 0);
}
