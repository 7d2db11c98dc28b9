import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { MIGRATIONS_TABLE, ServiceOrmConfig, mikroOrmOptions } from './mikro-orm-options';
import { ensureDatabaseExists } from './ensure-database';
import { runtimeGrantStatements } from './database-roles';
import { advisoryLockKey } from './exclusive-work';
import { schemaMarkStatement, waitForSchema } from './schema-mark';

/**
 * Brings a service's database to the newest schema. Run by `npm start` and `npm test`
 * (each app's migrate entry point), never by every replica at boot. Run as the database's owner
 * role with DATABASE_APP_ROLE set, it then grants the runtime role its rights (database-roles.ts).
 */
export async function migrateDatabase(config: ServiceOrmConfig): Promise<string[]> {
  await ensureDatabaseExists(config.database);
  // Migrations write: a standby has no part in them.
  const onPrimary = { ...config, database: { ...config.database, standby: undefined } };
  const orm = await MikroORM.init<PostgreSqlDriver>({
    ...mikroOrmOptions(onPrimary),
    extensions: [Migrator],
  });
  try {
    const applied = await orm.getMigrator().up();
    if (config.database.appRole) await grantRuntimeAccess(orm, config);
    const newest = config.migrations.at(-1);
    if (newest)
      await orm.em.getConnection().execute(schemaMarkStatement(MIGRATIONS_TABLE, newest.name));
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

/**
 * An app's migrate entry point: `migrate.js` applies the migrations (the migration Job, npm start);
 * `migrate.js --wait` only waits, as the app's runtime role, until they were applied (the init
 * container of each replica in Kubernetes, docs/KUBERNETES.md).
 */
export function runMigrateEntry(
  app: string,
  config: ServiceOrmConfig,
  argv: readonly string[],
): void {
  const log = (line: string) => process.stdout.write(`${app}: ${line}\n`);
  const work = argv.includes('--wait')
    ? waitForSchema(
        config.database,
        MIGRATIONS_TABLE,
        config.migrations.map((migration) => migration.name),
        { log },
      ).then(() => log('schema is current'))
    : migrateDatabase(config).then((applied) => log(`${applied.length} migration(s) applied`));
  work.catch((error: unknown) => {
    process.stderr.write(`${app}: migration failed: ${String(error)}\n`);
    process.exitCode = 1;
  });
}
