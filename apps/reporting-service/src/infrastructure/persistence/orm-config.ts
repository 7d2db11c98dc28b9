import { MESSAGING_MIGRATIONS } from '@bp/messaging';
import { DatabaseSettings, STANDBY_HEARTBEAT_MIGRATION, ServiceOrmConfig } from '@bp/persistence';
import { REPORTING_MIGRATION } from './reporting.migration';
import { ALERTING_MIGRATION } from './alerting.migration';
import { HEALTH_CELLS_MIGRATION } from './health-cells.migration';
import { AlertSchema } from './alert.schema';

/**
 * The reporting-service's own database: a read model built from events and read in SQL
 * (report-records.ts, response-health.query.ts), and the alerts people raise, the one aggregate.
 */
export function ormConfig(database: DatabaseSettings): ServiceOrmConfig {
  return {
    database,
    entities: [AlertSchema],
    migrations: [
      ...MESSAGING_MIGRATIONS,
      REPORTING_MIGRATION,
      ALERTING_MIGRATION,
      HEALTH_CELLS_MIGRATION,
      STANDBY_HEARTBEAT_MIGRATION,
    ],
  };
}
