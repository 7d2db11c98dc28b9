import 'reflect-metadata';
import { runMigrateEntry } from '@bp/persistence';
import { loadGatewaySettings } from './config/gateway-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';

/**
 * Applied by `npm start`, `npm test` and the migration Job before the gateway starts; with `--wait`,
 * the init container of each Kubernetes replica waits for them (docs/KUBERNETES.md).
 */
runMigrateEntry('gateway', ormConfig(loadGatewaySettings().database), process.argv.slice(2));
