import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import {
  DatabaseSettings,
  ReadSource,
  STANDBY_HEARTBEAT_MIGRATION,
  ServiceOrmConfig,
  StandbyHeartbeat,
  StandbyReads,
  mikroOrmOptions,
} from '@bp/persistence';
import { fork } from '../../../test/support/database-fixtures';
import { eventually } from '../../../test/support/test-env';
import { onStandbyPair, replay, standbyTestDatabase } from '../../../test/support/standby-replay';

const MAX_STALENESS_MS = 2_000;

/** What a read saw, and where it ran by the server's own word. */
interface Seen {
  source: ReadSource;
  inRecovery: boolean;
  notes: string[];
}

describe('reads from a streaming standby, within a bound of staleness (real primary and standby)', () => {
  const database = onStandbyPair('bp_standby_reads_it', MAX_STALENESS_MS);
  const config: ServiceOrmConfig = {
    database,
    entities: [],
    migrations: [STANDBY_HEARTBEAT_MIGRATION],
  };
  const db = standbyTestDatabase(config);

  const reads = new StandbyReads(database.standby);
  const beat = () => new StandbyHeartbeat(db.orm()).pass();
  const read = (via = reads, orm = db.orm()) =>
    via.read(fork(orm), async (reader, source): Promise<Seen> => {
      const [{ in_recovery }] = await reader.execute<{ in_recovery: boolean }[]>(
        'select pg_is_in_recovery() as in_recovery',
      );
      const notes = await reader.execute<{ text: string }[]>('select text from note order by text');
      return { source, inRecovery: in_recovery, notes: notes.map((note) => note.text) };
    });
  const write = (text: string) =>
    fork(db.orm()).execute('insert into note (text) values (?)', [text]);

  beforeAll(async () => {
    await fork(db.orm()).execute('create table note (text text primary key)');
    await beat();
    await replay.caughtUp();
  });

  it('reads on the standby while its heartbeat is fresh', async () => {
    await write('first');
    await beat();
    await replay.caughtUp();
    await expect(read()).resolves.toEqual({
      source: 'standby',
      inRecovery: true,
      notes: ['first'],
    });
  });

  it('shows only what the standby has replayed while it is within the bound, the primary beyond it', async () => {
    await replay.pause();
    try {
      await write('written while replay is paused');
      await beat();
      // Within the bound: the standby answers, without the newest write (the staleness allowed).
      await expect(read()).resolves.toEqual({
        source: 'standby',
        inRecovery: true,
        notes: ['first'],
      });
      // The primary beats on, the standby's last beat ages past the bound: the primary answers.
      const beyond = await eventually(
        'the standby to fall behind the bound',
        async () => {
          await beat();
          const seen = await read();
          return seen.source === 'primary' ? seen : undefined;
        },
        MAX_STALENESS_MS * 4,
        250,
      );
      expect(beyond).toEqual({
        source: 'primary',
        inRecovery: false,
        notes: ['first', 'written while replay is paused'],
      });
    } finally {
      await replay.resume();
    }
    await beat();
    await replay.caughtUp();
    await expect(read()).resolves.toEqual({
      source: 'standby',
      inRecovery: true,
      notes: ['first', 'written while replay is paused'],
    });
  });

  it('gives a statement on the standby 10 s, so that a standby that stops answering ends the read', async () => {
    const timeout = await reads.read(fork(db.orm()), async (reader, source) => {
      const [row] = await reader.execute<{ statement_timeout: string }[]>('show statement_timeout');
      return { source, timeout: row!.statement_timeout };
    });
    expect(timeout).toEqual({ source: 'standby', timeout: '10s' });
  });

  it('reads on the primary when no heartbeat has reached the standby', async () => {
    await fork(db.orm()).execute('delete from standby_heartbeat');
    await replay.caughtUp();
    try {
      await expect(read()).resolves.toMatchObject({ source: 'primary', inRecovery: false });
    } finally {
      await beat();
      await replay.caughtUp();
    }
  });

  it('reads on the primary when the standby does not answer', async () => {
    const unreachable: DatabaseSettings = {
      ...database,
      // Nothing listens here: the standby is down.
      standby: {
        serverUrl: 'postgres://postgres@127.0.0.1:15449/postgres',
        maxStalenessMs: 60_000,
      },
    };
    const orm = await MikroORM.init<PostgreSqlDriver>(
      mikroOrmOptions({ ...config, database: unreachable }),
    );
    try {
      await expect(read(new StandbyReads(unreachable.standby), orm)).resolves.toMatchObject({
        source: 'primary',
        inRecovery: false,
        notes: ['first', 'written while replay is paused'],
      });
    } finally {
      await orm.close();
    }
  });

  it("does not hide the work's own failure behind a second try on the primary", async () => {
    const tried: ReadSource[] = [];
    const failing = reads.read(fork(db.orm()), async (reader, source) => {
      tried.push(source);
      await reader.execute('select 1');
      throw new Error('the work itself failed');
    });
    await expect(failing).rejects.toThrow('the work itself failed');
    expect(tried).toEqual(['standby']);
  });

  it('reads on the primary what the standby has not replayed the table of (a migration just applied)', async () => {
    await replay.pause();
    try {
      await fork(db.orm()).execute('create table newer_note (text text)');
      await fork(db.orm()).execute(`insert into newer_note values ('only on the primary')`);
      await beat();
      const tried: ReadSource[] = [];
      const seen = await reads.read(fork(db.orm()), async (reader, source) => {
        tried.push(source);
        return reader.execute<{ text: string }[]>('select text from newer_note');
      });
      expect(tried).toEqual(['standby', 'primary']);
      expect(seen).toEqual([{ text: 'only on the primary' }]);
    } finally {
      await replay.resume();
    }
  });

  it('reads on the primary while the standby lacks a migration this release ships', async () => {
    const shipped = [STANDBY_HEARTBEAT_MIGRATION.name, 'Migration20991231000000_not_yet_replayed'];
    await beat();
    await replay.caughtUp();
    await expect(read(new StandbyReads(database.standby, shipped))).resolves.toMatchObject({
      source: 'primary',
      inRecovery: false,
    });
    await expect(
      read(new StandbyReads(database.standby, shipped.slice(0, 1))),
    ).resolves.toMatchObject({ source: 'standby', inRecovery: true });
  });

  it('cannot write through the standby reader, even by mistake', async () => {
    const refusals: string[] = [];
    const answer = await reads.read<unknown>(fork(db.orm()), async (reader, source) => {
      if (source === 'primary') return 'the primary answered';
      try {
        return await reader.execute(`insert into note (text) values ('via the standby')`);
      } catch (error) {
        refusals.push(String(error));
        throw error;
      }
    });
    // Refused there (read_only_sql_transaction), so the primary was asked instead.
    expect(refusals).toEqual([expect.stringContaining('25006')]);
    expect(answer).toBe('the primary answered');
    expect((await read()).notes).not.toContain('via the standby');
  });
});
