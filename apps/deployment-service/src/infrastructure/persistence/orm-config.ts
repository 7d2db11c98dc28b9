import { MESSAGING_MIGRATION } from '@bp/messaging';
import { ServiceOrmConfig, databaseSettingsFromEnv } from '@bp/persistence';

/** The deployment-service's own database: its mappings and its migrations, in order. */
export function ormConfig(env = process.env): ServiceOrmConfig {
  return {
    database: databaseSettingsFromEnv('bp_deployment', env),
    entities: [],
    migrations: [MESSAGING_MIGRATION],
  };
}
