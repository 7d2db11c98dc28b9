import 'reflect-metadata';
import { migrateDatabase } from '@bp/persistence';
import { loadNotificationServiceSettings } from './config/notification-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';

const settings = loadNotificationServiceSettings();

/** Applied by `npm start` and `npm test` before the service starts; see infra/scripts. */
migrateDatabase(ormConfig(settings.database)).then(
  (applied) =>
    process.stdout.write(`notification-service: ${applied.length} migration(s) applied\n`),
  (error: unknown) => {
    process.stderr.write(`notification-service: migration failed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
