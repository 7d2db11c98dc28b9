import { loadReportingServiceSettings } from './reporting-service-settings';

describe('the reporting-service settings', () => {
  it('has a default for every setting', () => {
    expect(loadReportingServiceSettings({})).toEqual({
      kafka: { brokers: ['127.0.0.1:9092'] },
      database: {
        serverUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
        name: 'bp_reporting',
        debug: 'off',
      },
      logLevel: 'info',
      keyDir: '.run/keys',
      http: { port: 3105, host: '127.0.0.1' },
      earlyWarningIntervalMs: 300_000,
      alertDailyLimit: 20,
      statisticsExactLimit: 50_000,
    });
  });

  it('reads up to how many assignments percentiles are exact: 0 (never) and up, not a word', () => {
    expect(loadReportingServiceSettings({ STATISTICS_EXACT_LIMIT: '0' }).statisticsExactLimit).toBe(
      0,
    );
    expect(() => loadReportingServiceSettings({ STATISTICS_EXACT_LIMIT: 'all' })).toThrow(
      /STATISTICS_EXACT_LIMIT/,
    );
  });

  it('reads how often rises are looked for, within bounds', () => {
    expect(
      loadReportingServiceSettings({ EARLY_WARNING_INTERVAL_MS: '500' }).earlyWarningIntervalMs,
    ).toBe(500);
    expect(() => loadReportingServiceSettings({ EARLY_WARNING_INTERVAL_MS: '10' })).toThrow(
      /EARLY_WARNING_INTERVAL_MS/,
    );
  });

  it('refuses invalid values, naming each bad variable', () => {
    expect(() => loadReportingServiceSettings({ HTTP_PORT: 'x', KAFKA_BROKERS: ',' })).toThrow(
      /HTTP_PORT[\s\S]*|KAFKA_BROKERS/,
    );
  });
});
