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
    });
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
