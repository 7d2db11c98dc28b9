import { MESSAGING_MIGRATIONS } from '@bp/messaging';
import { DatabaseSettings, ServiceOrmConfig } from '@bp/persistence';
import { DeploymentSchema } from './deployment.schema';
import { OfficerSchema } from './officer.schema';
import { DEFERRABLE_OFFICER_KEY_MIGRATION, DEPLOYMENT_MIGRATION } from './deployment.migration';

/** The deployment-service's own database: its mappings and its migrations, in order. */
export function ormConfig(database: DatabaseSettings): ServiceOrmConfig {
  return {
    database,
    entities: [OfficerSchema, DeploymentSchema],
    migrations: [...MESSAGING_MIGRATIONS, DEPLOYMENT_MIGRATION, DEFERRABLE_OFFICER_KEY_MIGRATION],
  };
}
