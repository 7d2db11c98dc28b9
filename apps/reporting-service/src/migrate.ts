import 'reflect-metadata';
import { migrateDatabase } from '@bp/persistence';
import { loadReportingServiceSettings } from './config/reporting-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';

const settings = loadReportingServiceSettings();

/** Applied by `npm start` and `npm test` before the service starts; see infra/scripts. */
migrateDatabase(ormConfig(settings.database)).then(
  (applied) => process.stdout.write(`reporting-service: ${applied.length} migration(s) applied\n`),
  (error: unknown) => {
    process.stderr.write(`reporting-service: migration failed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
