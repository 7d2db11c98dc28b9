import 'reflect-metadata';
import { migrateDatabase } from '@bp/persistence';
import { loadRfiServiceSettings } from './config/rfi-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';

const settings = loadRfiServiceSettings();

/** Applied by `npm start` and `npm test` before the service starts; see infra/scripts. */
migrateDatabase(ormConfig(settings.database)).then(
  (applied) => process.stdout.write(`rfi-service: ${applied.length} migration(s) applied\n`),
  (error: unknown) => {
    process.stderr.write(`rfi-service: migration failed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
