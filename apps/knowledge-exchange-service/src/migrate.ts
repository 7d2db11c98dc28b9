import 'reflect-metadata';
import { migrateDatabase } from '@bp/persistence';
import { loadKnowledgeExchangeServiceSettings } from './config/knowledge-exchange-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';

const settings = loadKnowledgeExchangeServiceSettings();

/** Applied by `npm start` and `npm test` before the service starts; see infra/scripts. */
migrateDatabase(ormConfig(settings.database)).then(
  (applied) =>
    process.stdout.write(`knowledge-exchange-service: ${applied.length} migration(s) applied\n`),
  (error: unknown) => {
    process.stderr.write(`knowledge-exchange-service: migration failed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
