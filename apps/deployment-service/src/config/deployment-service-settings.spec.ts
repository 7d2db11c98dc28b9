import { loadDeploymentServiceSettings } from './deployment-service-settings';

/** The message a refused environment stops the process with. */
function refusal(env: Record<string, string>): string {
  try {
    loadDeploymentServiceSettings(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the environment was accepted');
}

describe('the deployment-service settings', () => {
  it('has a default for every setting', () => {
    expect(loadDeploymentServiceSettings({})).toEqual({
      kafkaBrokers: ['127.0.0.1:9092'],
      database: {
        serverUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
        name: 'bp_deployment',
        debug: 'off',
      },
      logLevel: 'info',
      keyDir: '.run/keys',
      http: { port: 3102, host: '127.0.0.1' },
      calendarIntervalMs: 60_000,
    });
  });

  it('parses a full environment into typed, frozen settings', () => {
    const settings = loadDeploymentServiceSettings({
      KAFKA_BROKERS: 'kafka-1:9092',
      DATABASE_URL: 'postgresql://deployment@db.internal:5432/postgres',
      DATABASE_NAME: 'bp_deployment_test',
      DATABASE_DEBUG: 'queries-with-values',
      LOG_LEVEL: 'debug',
      HTTP_PORT: '3402',
      HTTP_HOST: '::1',
      DEPLOYMENT_CALENDAR_INTERVAL_MS: '5000',
    });
    expect(settings).toEqual({
      kafkaBrokers: ['kafka-1:9092'],
      database: {
        serverUrl: 'postgresql://deployment@db.internal:5432/postgres',
        name: 'bp_deployment_test',
        debug: 'queries-with-values',
      },
      logLevel: 'debug',
      keyDir: '.run/keys',
      http: { port: 3402, host: '::1' },
      calendarIntervalMs: 5_000,
    });
    expect(Object.isFrozen(settings)).toBe(true);
    expect(Object.isFrozen(settings.database)).toBe(true);
    expect(Object.isFrozen(settings.http)).toBe(true);
  });

  it('refuses invalid values, naming each bad variable and only those', () => {
    const message = refusal({
      DEPLOYMENT_CALENDAR_INTERVAL_MS: 'every minute',
      HTTP_PORT: '0',
      DATABASE_NAME: 'bp-deployment; drop table',
      HTTP_HOST: 'localhost',
    });
    expect(message).toMatch(/^Invalid environment:\n/);
    for (const name of ['DEPLOYMENT_CALENDAR_INTERVAL_MS', 'HTTP_PORT', 'DATABASE_NAME'])
      expect(message).toContain(`  ${name}: `);
    expect(message).not.toContain('HTTP_HOST');
  });
});
