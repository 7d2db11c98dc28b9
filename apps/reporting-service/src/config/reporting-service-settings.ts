import { SERVICES } from '@bp/contracts';
import { ServiceSettings, serviceSettings } from '@bp/messaging';
import { deepFreeze, validateEnvironment } from '@bp/observability';
import { ReportingServiceEnvironment } from './reporting-service-environment';

/** Everything the reporting-service is configured with, validated once at boot and frozen. */
export interface ReportingServiceSettings extends ServiceSettings {
  readonly earlyWarningIntervalMs: number;
  readonly alertDailyLimit: number;
  readonly statisticsExactLimit: number;
}

export const REPORTING_SERVICE_SETTINGS = Symbol('REPORTING_SERVICE_SETTINGS');

/**
 * The one place the reporting-service reads its environment (README, Environment variables). Its
 * entry scripts call it first; a bad setting stops the process with every bad variable named.
 */
export function loadReportingServiceSettings(
  env: Record<string, string | undefined> = process.env,
): ReportingServiceSettings {
  const environment = validateEnvironment(ReportingServiceEnvironment)(env);
  return deepFreeze({
    ...serviceSettings(environment, {
      databaseName: 'bp_reporting',
      httpPort: SERVICES.reporting.httpPort,
    }),
    // A rise is a matter of days: every 5 minutes is soon enough, and cheap.
    earlyWarningIntervalMs: environment.EARLY_WARNING_INTERVAL_MS ?? 300_000,
    alertDailyLimit: environment.ALERT_DAILY_LIMIT ?? 20,
    // Exact percentiles of 50,000 durations answer in about 100 ms here (test/bench/RESULTS.md).
    statisticsExactLimit: environment.STATISTICS_EXACT_LIMIT ?? 50_000,
  });
}
