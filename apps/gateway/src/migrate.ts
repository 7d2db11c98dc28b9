import 'reflect-metadata';
import { migrateDatabase } from '@bp/persistence';
import { loadGatewaySettings } from './config/gateway-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';

const settings = loadGatewaySettings();

/** Applied by `npm start` and `npm test` before the gateway starts; see infra/scripts. */
migrateDatabase(ormConfig(settings.database)).then(
  (applied) => process.stdout.write(`gateway: ${applied.length} migration(s) applied\n`),
  (error: unknown) => {
    process.stderr.write(`gateway: migration failed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
