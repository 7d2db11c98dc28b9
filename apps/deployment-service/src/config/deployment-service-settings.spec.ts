import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
      kafka: { brokers: ['127.0.0.1:9092'] },
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
      kafka: { brokers: ['kafka-1:9092'] },
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

  describe('its broker principal', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-settings-'));
    const passwordFile = path.join(dir, 'deployment-service');
    fs.writeFileSync(passwordFile, 'a-generated-password\n', { mode: 0o600 });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('signs in with the password from its file, never one from the environment', () => {
      const settings = loadDeploymentServiceSettings({
        KAFKA_SASL_USERNAME: 'deployment-service',
        KAFKA_SASL_PASSWORD_FILE: passwordFile,
      });
      expect(settings.kafka).toEqual({
        brokers: ['127.0.0.1:9092'],
        sasl: { username: 'deployment-service', password: 'a-generated-password' },
      });
    });

    it('refuses a principal without its password file, and a file without a principal', () => {
      expect(refusal({ KAFKA_SASL_USERNAME: 'deployment-service' })).toContain(
        '  KAFKA_SASL_PASSWORD_FILE: ',
      );
      expect(refusal({ KAFKA_SASL_PASSWORD_FILE: passwordFile })).toContain(
        '  KAFKA_SASL_USERNAME: ',
      );
    });

    it('names an unreadable file, and never shows a password', () => {
      const message = refusal({
        KAFKA_SASL_USERNAME: 'deployment-service',
        KAFKA_SASL_PASSWORD_FILE: path.join(dir, 'missing'),
      });
      expect(message).toContain('KAFKA_SASL_PASSWORD_FILE: ');
      expect(message).toContain('cannot be read (ENOENT)');
      expect(message).not.toContain('a-generated-password');
    });
  });
});
