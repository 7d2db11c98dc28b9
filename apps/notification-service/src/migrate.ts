import 'reflect-metadata';
import { runMigrateEntry } from '@bp/persistence';
import { loadNotificationServiceSettings } from './config/notification-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';

/**
 * Applied by `npm start`, `npm test` and the migration Job before the service starts; with `--wait`,
 * the init container of each Kubernetes replica waits for them (docs/KUBERNETES.md).
 */
runMigrateEntry(
  'notification-service',
  ormConfig(loadNotificationServiceSettings().database),
  process.argv.slice(2),
);
