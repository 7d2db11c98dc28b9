import { MESSAGING_MIGRATIONS } from '@bp/messaging';
import { DatabaseSettings, ServiceOrmConfig } from '@bp/persistence';
import { REPORTING_MIGRATION } from './reporting.migration';

/**
 * The reporting-service's own database: a read model built from events and read in SQL
 * (report-records.ts, response-health.query.ts); there is no aggregate to map.
 */
export function ormConfig(database: DatabaseSettings): ServiceOrmConfig {
  return { database, entities: [], migrations: [...MESSAGING_MIGRATIONS, REPORTING_MIGRATION] };
}
