import 'reflect-metadata';
import { runMigrateEntry } from '@bp/persistence';
import { loadDeploymentServiceSettings } from './config/deployment-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';

/**
 * Applied by `npm start`, `npm test` and the migration Job before the service starts; with `--wait`,
 * the init container of each Kubernetes replica waits for them (docs/KUBERNETES.md).
 */
runMigrateEntry(
  'deployment-service',
  ormConfig(loadDeploymentServiceSettings().database),
  process.argv.slice(2),
);
