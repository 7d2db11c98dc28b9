import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ServiceOrmConfig, mikroOrmOptions } from './mikro-orm-options';
import { ensureDatabaseExists } from './ensure-database';

/**
 * Brings a service's database to the newest schema. Run by `npm start` and `npm test`
 * (each app's migrate entry point), never by every replica at boot.
 */
export async function migrateDatabase(config: ServiceOrmConfig): Promise<string[]> {
  await ensureDatabaseExists(config.database);
  const orm = await MikroORM.init<PostgreSqlDriver>({
    ...mikroOrmOptions(config),
    extensions: [Migrator],
  });
  try {
    const applied = await orm.getMigrator().up();
    return applied.map((migration) => migration.name);
  } finally {
    await orm.close(true);
  }
}
