import 'reflect-metadata';
import { migrateDatabase } from '@bp/persistence';
import { ormConfig } from './infrastructure/persistence/orm-config';

/** Applied by `npm start` and `npm test` before the gateway starts; see infra/scripts. */
migrateDatabase(ormConfig()).then(
  (applied) => process.stdout.write(`gateway: ${applied.length} migration(s) applied\n`),
  (error: unknown) => {
    process.stderr.write(`gateway: migration failed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
