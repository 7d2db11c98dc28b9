import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { databaseUrl, migrateDatabase, mikroOrmOptions } from '@bp/persistence';
import { DATABASE_URL, ROOT } from '../../../test/support/test-env';
import { dropTestDatabase } from '../../../test/support/database-fixtures';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { HistoryChainQuery } from '../src/infrastructure/persistence/history-chain.query';
import { HISTORY_CHAIN_MIGRATION } from '../src/infrastructure/persistence/history-chain.migration';

const run = promisify(execFile);
const NAME = 'bp_rfi_history_chain_test';

/*
 * The history's hash chain is kept by the database (history-chain.migration.ts): these tests write
 * lines as any writer would, then change rows the way only someone at the database could (with the
 * append-only triggers switched off), and expect the check to find the first line that no longer
 * holds.
 */
describe('the hash chain of RFI histories (real PostgreSQL)', () => {
  const config = ormConfig({ serverUrl: DATABASE_URL, name: NAME });
  // The database as it was before the chain existed: the migrations up to it, not those after,
  // which build on it (history-head-definer.migration.ts).
  const before = {
    ...config,
    migrations: config.migrations.slice(0, config.migrations.indexOf(HISTORY_CHAIN_MIGRATION)),
  };
  let db: Client;
  let orm: MikroORM;
  const chain = new HistoryChainQuery();
  const verify = (rfiId: string) => chain.verify(orm.em.fork() as EntityManager, rfiId);

  const insertRfi = async () => {
    const id = randomUUID();
    await db.query(
      `insert into information_request (id, reference, requester_party, created_by, title, question,
         topics, priority, channel, target_parties, handling_code, secretariat_access, language,
         status, created_at, updated_at, version)
       values ($1, $2, 'PAK', $3, 't', 'q', '{}', 'NORMAL', 'BILATERAL', '{SRB}', 'H2', 'FULL',
         'en', 'ROUTED', now(), now(), 1)`,
      [id, `RFI-2026-${id.slice(0, 8).toUpperCase()}`, randomUUID()],
    );
    return id;
  };
  /** Lines as the repository writes them: several in one statement, in order. */
  const appendLines = async (rfiId: string, ...actions: string[]) => {
    await db.query(
      `insert into rfi_history (rfi_id, at, action, actor_username, details)
       select $1, now() + make_interval(secs => n), action, 'fp-pak', jsonb_build_object('n', n)
       from unnest($2::text[]) with ordinality as a(action, n) order by n`,
      [rfiId, actions],
    );
  };
  /** A change made behind the application's back: triggers off, as only a superuser can. */
  const tamper = async (sql: string, params: unknown[]) => {
    await db.query('begin');
    try {
      await db.query('set local session_replication_role = replica');
      await db.query(sql, params);
      await db.query('commit');
    } catch (error) {
      await db.query('rollback');
      throw error;
    }
  };
  const linesOf = async (rfiId: string) =>
    (
      await db.query<{ id: string; seq: number }>(
        'select id, seq from rfi_history where rfi_id = $1 order by seq',
        [rfiId],
      )
    ).rows;

  let written: string;

  beforeAll(async () => {
    await dropTestDatabase(config.database);
    await migrateDatabase(before);
    db = new Client({ connectionString: databaseUrl(config.database) });
    await db.connect();
    written = await insertRfi();
    await appendLines(written, 'CREATED', 'SUBMITTED', 'ROUTED');
    await migrateDatabase(config);
    orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(config));
  });

  afterAll(async () => {
    await orm?.close(true);
    await db?.end();
    await dropTestDatabase(config.database);
  });

  it('chains the lines written before the chain existed, in the order they were written', async () => {
    expect(await verify(written)).toEqual({ intact: true, lines: 3, firstBroken: null });
    await appendLines(written, 'ACKNOWLEDGED');
    expect(await verify(written)).toEqual({ intact: true, lines: 4, firstBroken: null });
  });

  it('chains lines written at once by many writers without a fork or a gap', async () => {
    const rfiId = await insertRfi();
    const writers = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const client = new Client({ connectionString: databaseUrl(config.database) });
        await client.connect();
        return client;
      }),
    );
    try {
      await Promise.all(
        writers.flatMap((client) =>
          Array.from({ length: 5 }, () =>
            client.query(
              `insert into rfi_history (rfi_id, at, action, actor_username) values ($1, now(), 'BODY_READ', 'fp-srb')`,
              [rfiId],
            ),
          ),
        ),
      );
    } finally {
      await Promise.all(writers.map((client) => client.end()));
    }
    expect((await linesOf(rfiId)).map((line) => line.seq)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    // Ids are drawn before the chain's lock, so they need not follow the chain: it is walked by seq.
    expect(await verify(rfiId)).toMatchObject({ intact: true, lines: 40 });
  });

  it('lets a read append to an RFI whose command holds its row, without a deadlock', async () => {
    const rfiId = await insertRfi();
    const [command, read] = await Promise.all(
      [1, 2].map(async () => {
        const client = new Client({ connectionString: databaseUrl(config.database) });
        await client.connect();
        return client;
      }),
    );
    const line = (client: Client, action: string) =>
      client.query(
        `insert into rfi_history (rfi_id, at, action, actor_username) values ($1, now(), $2, 'x')`,
        [rfiId, action],
      );
    try {
      // A command locks the RFI as the repository does; a read of it appends its BODY_READ line
      // meanwhile; then the command appends its own line. Chaining the read's line first and
      // taking the row only for its foreign key at commit made these two wait on each other.
      await command.query('begin');
      await command.query('select 1 from information_request where id = $1 for update', [rfiId]);
      await read.query('begin');
      const readLine = line(read, 'BODY_READ').then(() => read.query('commit'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await line(command, 'ACKNOWLEDGED');
      await command.query('commit');
      await readLine;
    } finally {
      await Promise.all([command.end(), read.end()]);
    }
    const actions = (
      await db.query<{ action: string }>(
        'select action from rfi_history where rfi_id = $1 order by seq',
        [rfiId],
      )
    ).rows.map((row) => row.action);
    expect(actions).toEqual(['ACKNOWLEDGED', 'BODY_READ']);
    expect(await verify(rfiId)).toMatchObject({ intact: true, lines: 2 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of history rows to every writer', async () => {
    const rfiId = await insertRfi();
    await appendLines(rfiId, 'CREATED');
    for (const statement of [
      `update rfi_history set action = 'WITHDRAWN' where rfi_id = '${rfiId}'`,
      `delete from rfi_history where rfi_id = '${rfiId}'`,
      'truncate rfi_history cascade',
    ])
      await expect(db.query(statement)).rejects.toMatchObject({ code: '42501' });
    expect(await verify(rfiId)).toMatchObject({ intact: true, lines: 1 });
  });

  it('finds a line edited in place', async () => {
    const rfiId = await insertRfi();
    await appendLines(rfiId, 'CREATED', 'SUBMITTED', 'ROUTED');
    const [, second] = await linesOf(rfiId);
    await tamper(`update rfi_history set actor_username = 'someone-else' where id = $1`, [
      second!.id,
    ]);
    expect(await verify(rfiId)).toEqual({
      intact: false,
      lines: 3,
      firstBroken: { position: Number(second!.id), seq: 2, reason: 'CONTENT_CHANGED' },
    });
  });

  it('finds a line deleted from the middle', async () => {
    const rfiId = await insertRfi();
    await appendLines(rfiId, 'CREATED', 'SUBMITTED', 'ROUTED');
    const [, second, third] = await linesOf(rfiId);
    await tamper('delete from rfi_history where id = $1', [second!.id]);
    expect(await verify(rfiId)).toMatchObject({
      intact: false,
      firstBroken: { position: Number(third!.id), seq: 2, reason: 'LINK_BROKEN' },
    });
  });

  it('finds two lines swapped', async () => {
    const rfiId = await insertRfi();
    await appendLines(rfiId, 'CREATED', 'SUBMITTED', 'ROUTED');
    const [, second, third] = await linesOf(rfiId);
    // The rows keep their places and links; what happened, and when, change places.
    await tamper(
      `update rfi_history a set at = b.at, action = b.action, details = b.details
       from (select * from rfi_history where id in ($1, $2)) b
       where a.id in ($1, $2) and b.id <> a.id`,
      [second!.id, third!.id],
    );
    expect(await verify(rfiId)).toMatchObject({
      intact: false,
      firstBroken: { position: Number(second!.id), seq: 2, reason: 'CONTENT_CHANGED' },
    });
  });

  it('finds the newest line deleted', async () => {
    const rfiId = await insertRfi();
    await appendLines(rfiId, 'CREATED', 'SUBMITTED', 'ROUTED');
    const [, , third] = await linesOf(rfiId);
    await tamper('delete from rfi_history where id = $1', [third!.id]);
    expect(await verify(rfiId)).toMatchObject({
      intact: false,
      firstBroken: { position: null, seq: 3, reason: 'HEAD_MISMATCH' },
    });
  });

  it('the command-line check names every RFI whose chain is broken, and exits 1', async () => {
    const result = await run(
      process.execPath,
      [path.join(ROOT, 'dist/apps/rfi-service/src/verify-history.js')],
      { env: { DATABASE_URL, DATABASE_NAME: NAME, LOG_LEVEL: 'error' } },
    ).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(result.code).toBe(1);
    const reported = result.stdout
      .split('\n')
      .filter((line) => /: [A-Z_]+ at line/.test(line))
      .map((line) => line.split(':')[1]!.trim().split(' ')[0]);
    expect(reported.sort()).toEqual(
      ['CONTENT_CHANGED', 'CONTENT_CHANGED', 'HEAD_MISMATCH', 'LINK_BROKEN'].sort(),
    );
    expect(result.stdout).toMatch(/8 RFI histories checked, 4 with a broken chain/);
  });
});
