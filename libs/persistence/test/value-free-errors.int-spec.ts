import { DriverException, MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { DatabaseDebug, ServiceOrmConfig, mikroOrmOptions } from '@bp/persistence';
import { createMessagingTestDatabase, fork } from '../../../test/support/database-fixtures';

// Values a request might carry; none of them may show up in what a log would print of the error.
const SECRET = 'secret-search-term-4711';

/** Everything a logger could print of an error: message, stack and every own field. */
function printable(error: unknown): string {
  const fields = Object.fromEntries(
    Object.getOwnPropertyNames(error).map((key) => [key, (error as Record<string, unknown>)[key]]),
  );
  return `${String(error)}\n${(error as Error).stack}\n${JSON.stringify(fields)}`;
}

async function failure(work: () => Promise<unknown>): Promise<Error> {
  try {
    await work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('the query succeeded');
}

describe('database errors and query logs carry no request values (real PostgreSQL)', () => {
  let config: ServiceOrmConfig;
  const orms: MikroORM[] = [];

  async function ormWith(debug: DatabaseDebug, logged: string[] = []): Promise<MikroORM> {
    const options = mikroOrmOptions({ ...config, database: { ...config.database, debug } });
    const orm = await MikroORM.init<PostgreSqlDriver>({
      ...options,
      logger: (line) => logged.push(line),
    });
    orms.push(orm);
    return orm;
  }

  beforeAll(async () => {
    const created = await createMessagingTestDatabase('bp_persistence_it');
    config = created.config;
    await created.orm.close();
    const orm = await ormWith('off');
    await fork(orm).execute('create table if not exists probe_unique (name text primary key)');
    await fork(orm).execute('truncate probe_unique');
  });

  afterAll(async () => {
    await Promise.all(orms.map((orm) => orm.close()));
  });

  it('a failed cast says what failed and where, not the value', async () => {
    const orm = await ormWith('off');
    const error = await failure(() => fork(orm).execute('select ?::uuid as id', [SECRET]));
    expect(error).toBeInstanceOf(DriverException);
    expect(error.message).toBe(
      'database error 22P02 invalid_text_representation in string_to_uuid',
    );
    expect(printable(error)).not.toContain(SECRET);
    expect(error.stack).toMatch(/\n\s+at /);
  });

  it('a unique violation keeps its class and constraint, without the duplicate key', async () => {
    const orm = await ormWith('off');
    await fork(orm).execute('insert into probe_unique (name) values (?)', [SECRET]);
    const error = await failure(() =>
      fork(orm).execute('insert into probe_unique (name) values (?)', [SECRET]),
    );
    expect(error).toBeInstanceOf(UniqueConstraintViolationException);
    expect(error.message).toContain('unique_violation');
    expect(error.message).toContain('constraint probe_unique_pkey');
    expect(printable(error)).not.toContain(SECRET);
  });

  it('logs no queries by default, placeholders with DATABASE_DEBUG=queries', async () => {
    const silent: string[] = [];
    await fork(await ormWith('off', silent)).execute('select ?::text as probe', [SECRET]);
    expect(silent.join('\n')).not.toContain('probe');

    const placeholders: string[] = [];
    await fork(await ormWith('queries', placeholders)).execute('select ?::text as probe', [SECRET]);
    const logged = placeholders.join('\n');
    expect(logged).toContain('as probe');
    expect(logged).not.toContain(SECRET);
  });

  it('shows values only when DATABASE_DEBUG=queries-with-values asks for them', async () => {
    const lines: string[] = [];
    const orm = await ormWith('queries-with-values', lines);
    await fork(orm).execute('select ?::text as probe', [SECRET]);
    expect(lines.join('\n')).toContain(SECRET);
    const error = await failure(() => fork(orm).execute('select ?::uuid as id', [SECRET]));
    expect(error.message).toContain(SECRET);
  });
});
