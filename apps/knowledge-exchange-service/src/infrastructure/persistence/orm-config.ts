import { MESSAGING_MIGRATION } from '@bp/messaging';
import { ServiceOrmConfig, databaseSettingsFromEnv } from '@bp/persistence';

/** The knowledge-exchange-service's own database: its mappings and its migrations, in order. */
export function ormConfig(env = process.env): ServiceOrmConfig {
  return {
    database: databaseSettingsFromEnv('bp_knowledge_exchange', env),
    entities: [],
    migrations: [MESSAGING_MIGRATION],
  };
}
