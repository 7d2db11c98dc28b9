import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver, EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { MESSAGING_MIGRATIONS } from '@bp/messaging';
import {
  DatabaseSettings,
  ServiceOrmConfig,
  assertSafeDatabaseName,
  databaseUrl,
  migrateDatabase,
  mikroOrmOptions,
} from '@bp/persistence';
import { DATABASE_URL } from './test-env';

/** A database of its own for a library test, with the messaging schema migrated into it. */
export async function createMessagingTestDatabase(
  name: string,
): Promise<{ orm: MikroORM; config: ServiceOrmConfig }> {
  const database: DatabaseSettings = { serverUrl: DATABASE_URL, name };
  const config: ServiceOrmConfig = {
    database,
    entities: [],
    migrations: [...MESSAGING_MIGRATIONS],
  };
  await migrateDatabase(config);
  const orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(config));
  return { orm, config };
}

export function fork(orm: MikroORM): EntityManager {
  return orm.em.fork() as EntityManager;
}

/** Drops a test's own database, connections and all, so the next run starts from nothing. */
export async function dropTestDatabase(settings: DatabaseSettings): Promise<void> {
  const name = assertSafeDatabaseName(settings.name);
  const client = new Client({ connectionString: databaseUrl(settings, 'postgres') });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * A service's own database for one spec file, migrated from nothing before its tests and dropped
 * after them: `orm()` is the open connection in between.
 */
export function serviceTestDatabase(config: ServiceOrmConfig): { orm: () => MikroORM } {
  let orm: MikroORM | undefined;
  beforeAll(async () => {
    await dropTestDatabase(config.database);
    await migrateDatabase(config);
    orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(config));
  });
  afterAll(async () => {
    await orm?.close();
    await dropTestDatabase(config.database);
  });
  return {
    orm: () => {
      if (!orm) throw new Error('The database is not open: use it inside a test');
      return orm;
    },
  };
}
