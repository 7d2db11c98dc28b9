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
    });
  });

  it('refuses invalid values, naming each bad variable', () => {
    expect(() => loadReportingServiceSettings({ HTTP_PORT: 'x', KAFKA_BROKERS: ',' })).toThrow(
      /HTTP_PORT[\s\S]*|KAFKA_BROKERS/,
    );
  });
});
