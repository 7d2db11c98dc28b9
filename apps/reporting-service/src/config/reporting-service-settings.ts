import { ServiceEnvironment, ServiceSettings, serviceSettings } from '@bp/messaging';
import { deepFreeze, validateEnvironment } from '@bp/observability';

/** Everything the reporting-service is configured with: those of every service, so far. */
export type ReportingServiceSettings = ServiceSettings;

export const REPORTING_SERVICE_SETTINGS = Symbol('REPORTING_SERVICE_SETTINGS');

/**
 * The one place the reporting-service reads its environment (README, Environment variables). Its
 * entry scripts call it first; a bad setting stops the process with every bad variable named.
 */
export function loadReportingServiceSettings(
  env: Record<string, string | undefined> = process.env,
): ReportingServiceSettings {
  const environment = validateEnvironment(ServiceEnvironment)(env);
  return deepFreeze(serviceSettings(environment, { databaseName: 'bp_reporting', httpPort: 3105 }));
}
