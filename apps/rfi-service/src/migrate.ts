import 'reflect-metadata';
import { migrateDatabase } from '@bp/persistence';
import { ormConfig } from './infrastructure/persistence/orm-config';

/** Applied by `npm start` and `npm test` before the service starts; see infra/scripts. */
migrateDatabase(ormConfig()).then(
  (applied) => process.stdout.write(`rfi-service: ${applied.length} migration(s) applied\n`),
  (error: unknown) => {
    process.stderr.write(`rfi-service: migration failed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
