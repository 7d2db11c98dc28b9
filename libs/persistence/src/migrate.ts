import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { MIGRATIONS_TABLE, ServiceOrmConfig, mikroOrmOptions } from './mikro-orm-options';
import { ensureDatabaseExists } from './ensure-database';
import { runtimeGrantStatements } from './database-roles';
import { advisoryLockKey } from './exclusive-work';

/**
 * Brings a service's database to the newest schema. Run by `npm start` and `npm test`
 * (each app's migrate entry point), never by every replica at boot. Run as the database's owner
 * role with DATABASE_APP_ROLE set, it then grants the runtime role its rights (database-roles.ts).
 */
export async function migrateDatabase(config: ServiceOrmConfig): Promise<string[]> {
  await ensureDatabaseExists(config.database);
  const orm = await MikroORM.init<PostgreSqlDriver>({
    ...mikroOrmOptions(config),
    extensions: [Migrator],
  });
  try {
    const applied = await orm.getMigrator().up();
    if (config.database.appRole) await grantRuntimeAccess(orm, config);
    return applied.map((migration) => migration.name);
  } finally {
    await orm.close(true);
  }
}

async function grantRuntimeAccess(orm: MikroORM, config: ServiceOrmConfig): Promise<void> {
  const statements = runtimeGrantStatements(
    {
      role: config.database.appRole!,
      appendOnly: config.runtimeAccess?.appendOnly,
      readOnly: config.runtimeAccess?.readOnly,
    },
    MIGRATIONS_TABLE,
  );
  await (orm.em.fork() as EntityManager).transactional(async (tx) => {
    // Two migrate runs at once (npm start twice) would otherwise update the same ACLs together.
    await tx.execute('select pg_advisory_xact_lock(?)', [advisoryLockKey('runtime-grants')]);
    for (const statement of statements) await tx.execute(statement);
  });
}
