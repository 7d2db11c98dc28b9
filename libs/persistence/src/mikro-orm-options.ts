import { EntitySchema, Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { MigrationObject } from '@mikro-orm/core';
import { DatabaseDebug, DatabaseSettings, databaseUrl } from './database-settings';
import { ValueFreePostgreSqlDriver } from './value-free-errors';

export interface ServiceOrmConfig {
  database: DatabaseSettings;
  // EntitySchema keeps ORM mapping out of the domain classes (docs/ARCHITECTURE.md, "Inside an app").
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: EntitySchema<any, any>[];
  migrations: MigrationObject[];
  poolMax?: number;
  /**
   * What the runtime role may not do to some tables, granted after each migration
   * (database-roles.ts): append-only tables get SELECT and INSERT, read-only ones SELECT.
   */
  runtimeAccess?: { appendOnly?: readonly string[]; readOnly?: readonly string[] };
}

/** MikroORM's record of applied migrations: the runtime role gets no right on it. */
export const MIGRATIONS_TABLE = 'schema_migration';

/**
 * Bound values never reach a log unless DATABASE_DEBUG=queries-with-values says so: no query
 * logging by default, placeholders only with `queries`, and database errors stripped of the values
 * that MikroORM inlines into the SQL (ValueFreePostgreSqlDriver).
 */
function debugOptions(debug: DatabaseDebug = 'off'): Pick<Options<PostgreSqlDriver>, 'debug'> & {
  driver: typeof PostgreSqlDriver;
} {
  if (debug === 'queries-with-values')
    return { debug: ['query', 'query-params'], driver: PostgreSqlDriver };
  return { debug: debug === 'queries' ? ['query'] : false, driver: ValueFreePostgreSqlDriver };
}

export function mikroOrmOptions(config: ServiceOrmConfig): Options<PostgreSqlDriver> {
  return {
    ...debugOptions(config.database.debug),
    clientUrl: databaseUrl(config.database),
    dbName: config.database.name,
    entities: config.entities,
    // Built JS has no TS metadata to discover; every mapping is an EntitySchema listed explicitly.
    discovery: { warnWhenNoEntities: false, disableDynamicFileAccess: true },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: config.poolMax ?? 10, acquireTimeoutMillis: 5_000 },
    // Reads go to the standby only where a query asks for the 'read' connection (StandbyReads);
    // MikroORM's own finds and every write stay on the primary.
    ...(config.database.standby
      ? {
          preferReadReplicas: false,
          replicas: [
            {
              name: 'standby',
              clientUrl: databaseUrl(
                config.database,
                config.database.name,
                config.database.standby.serverUrl,
              ),
              // A standby that does not answer makes the read fall back to the primary: soon.
              pool: { min: 0, max: config.poolMax ?? 10, acquireTimeoutMillis: 1_000 },
              // One that stops answering mid-read (a cut link sends no reset) would hold the read
              // until TCP gives up: the server ends a statement after 10 s, the client waits 12.
              driverOptions: {
                connection: { statement_timeout: 10_000, query_timeout: 12_000, keepAlive: true },
              },
            },
          ],
        }
      : {}),
    migrations: {
      migrationsList: config.migrations,
      tableName: MIGRATIONS_TABLE,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
  };
}
