import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver, EntityManager } from '@mikro-orm/postgresql';
import { MESSAGING_MIGRATION } from '@bp/messaging';
import {
  DatabaseSettings,
  ServiceOrmConfig,
  migrateDatabase,
  mikroOrmOptions,
} from '@bp/persistence';
import { DATABASE_URL } from './test-env';

/** A database of its own for a library test, with the messaging schema migrated into it. */
export async function createMessagingTestDatabase(
  name: string,
): Promise<{ orm: MikroORM; config: ServiceOrmConfig }> {
  const database: DatabaseSettings = { serverUrl: DATABASE_URL, name };
  const config: ServiceOrmConfig = { database, entities: [], migrations: [MESSAGING_MIGRATION] };
  await migrateDatabase(config);
  const orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(config));
  return { orm, config };
}

export function fork(orm: MikroORM): EntityManager {
  return orm.em.fork() as EntityManager;
}
