import 'reflect-metadata';
import { migrateDatabase } from '@bp/persistence';
import { loadDeploymentServiceSettings } from './config/deployment-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';

const settings = loadDeploymentServiceSettings();

/** Applied by `npm start` and `npm test` before the service starts; see infra/scripts. */
migrateDatabase(ormConfig(settings.database)).then(
  (applied) => process.stdout.write(`deployment-service: ${applied.length} migration(s) applied\n`),
  (error: unknown) => {
    process.stderr.write(`deployment-service: migration failed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
