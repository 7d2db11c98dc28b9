import { EntitySchema, Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { MigrationObject } from '@mikro-orm/core';
import { DatabaseSettings, databaseUrl } from './database-settings';

export interface ServiceOrmConfig {
  database: DatabaseSettings;
  // EntitySchema keeps ORM mapping out of the domain classes (DESIGN.md, Layout).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: EntitySchema<any, any>[];
  migrations: MigrationObject[];
  poolMax?: number;
}

export function mikroOrmOptions(config: ServiceOrmConfig): Options<PostgreSqlDriver> {
  return {
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl(config.database),
    dbName: config.database.name,
    entities: config.entities,
    // Built JS has no TS metadata to discover; every mapping is an EntitySchema listed explicitly.
    discovery: { warnWhenNoEntities: false, disableDynamicFileAccess: true },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: config.poolMax ?? 10, acquireTimeoutMillis: 5_000 },
    migrations: {
      migrationsList: config.migrations,
      tableName: 'schema_migration',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
  };
}
