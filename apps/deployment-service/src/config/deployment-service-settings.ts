import { SERVICES } from '@bp/contracts';
import { ServiceSettings, serviceSettings } from '@bp/messaging';
import { deepFreeze, validateEnvironment } from '@bp/observability';
import { DeploymentServiceEnvironment } from './deployment-service-environment';

/** Everything the deployment-service is configured with, validated once at boot and frozen. */
export interface DeploymentServiceSettings extends ServiceSettings {
  readonly calendarIntervalMs: number;
}

export const DEPLOYMENT_SERVICE_SETTINGS = Symbol('DEPLOYMENT_SERVICE_SETTINGS');

/**
 * The one place the deployment-service reads its environment (README, Environment variables). Its
 * entry scripts call it first; a bad setting stops the process with every bad variable named.
 */
export function loadDeploymentServiceSettings(
  env: Record<string, string | undefined> = process.env,
): DeploymentServiceSettings {
  const environment = validateEnvironment(DeploymentServiceEnvironment)(env);
  return deepFreeze({
    ...serviceSettings(environment, {
      databaseName: 'bp_deployment',
      httpPort: SERVICES.deployment.httpPort,
    }),
    calendarIntervalMs: environment.DEPLOYMENT_CALENDAR_INTERVAL_MS ?? 60_000,
  });
}
