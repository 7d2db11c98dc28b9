import { hostname } from 'node:os';
import { loadGatewaySettings } from './gateway-settings';

/** The message a refused environment stops the process with. */
function refusal(env: Record<string, string>): string {
  try {
    loadGatewaySettings(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the environment was accepted');
}

describe('the gateway settings', () => {
  it('has a default for every setting', () => {
    expect(loadGatewaySettings({})).toEqual({
      kafka: { brokers: ['127.0.0.1:9092'] },
      database: {
        serverUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
        name: 'bp_gateway',
        debug: 'off',
      },
      logLevel: 'info',
      port: 3000,
      host: '127.0.0.1',
      metrics: { port: 3100, host: '127.0.0.1' },
      serviceTimeoutMs: 5_000,
      serviceUrls: {
        rfi: 'http://127.0.0.1:3101',
        deployment: 'http://127.0.0.1:3102',
        knowledgeExchange: 'http://127.0.0.1:3103',
        notification: 'http://127.0.0.1:3104',
        reporting: 'http://127.0.0.1:3105',
      },
      readsThrough: 'http',
      corsAllowedOrigins: [],
      instanceId: `${hostname()}-3000`,
      bodyLimitBytes: 262_144,
      keyDir: '.run/keys',
      jwtTtlSeconds: 900,
      loginRateLimitPerMinute: 10,
      loginAddressRateLimitPerMinute: 30,
      passwordHashConcurrency: 4,
      passwordHashQueue: 32,
      rateLimit: { limit: 600, windowSeconds: 60 },
      stream: {
        heartbeatSeconds: 15,
        audienceRefreshSeconds: 60,
        maxPerUser: 5,
        maxPerInstance: 1000,
      },
      demoPassword: 'bp-demo-password',
    });
  });

  it('names the instance after the port it listens on unless told otherwise', () => {
    expect(loadGatewaySettings({ PORT: '3300' }).instanceId).toBe(`${hostname()}-3300`);
  });

  it('parses a full environment into typed, frozen settings', () => {
    const settings = loadGatewaySettings({
      KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092',
      DATABASE_URL: 'postgres://gateway@db.internal:5432/postgres',
      DATABASE_NAME: 'bp_gateway_test',
      DATABASE_DEBUG: 'queries',
      LOG_LEVEL: 'error',
      PORT: '8080',
      HOST: '0.0.0.0',
      METRICS_PORT: '9464',
      METRICS_HOST: '10.0.0.5',
      SERVICE_TIMEOUT_MS: '3000',
      RFI_SERVICE_URL: 'http://rfi-service.bp.svc:3101/',
      DEPLOYMENT_SERVICE_URL: 'http://deployment-service.bp.svc:3102',
      KNOWLEDGE_EXCHANGE_SERVICE_URL: 'https://knowledge-exchange.bp.svc',
      NOTIFICATION_SERVICE_URL: 'http://notification-service.bp.svc:3104',
      REPORTING_SERVICE_URL: 'http://reporting-service.bp.svc:3105',
      READS_THROUGH: 'kafka',
      CORS_ALLOWED_ORIGINS: 'https://rfi.mup.gov.rs,http://localhost:5173',
      GATEWAY_INSTANCE_ID: 'gateway-a',
      BODY_LIMIT_BYTES: '65536',
      JWT_KEY_DIR: '/run/secrets/jwt',
      JWT_TTL_SECONDS: '600',
      LOGIN_RATE_LIMIT_PER_MINUTE: '5',
      LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '20',
      PASSWORD_HASH_CONCURRENCY: '2',
      PASSWORD_HASH_QUEUE: '0',
      RATE_LIMIT_REQUESTS: '100',
      RATE_LIMIT_WINDOW_SECONDS: '10',
      STREAM_HEARTBEAT_SECONDS: '5',
      STREAM_AUDIENCE_REFRESH_SECONDS: '30',
      STREAM_MAX_PER_USER: '2',
      STREAM_MAX_PER_INSTANCE: '50',
      DEMO_PASSWORD: 'another demo password',
      HTTP_PORT: 'not read by the gateway',
    });
    expect(settings).toEqual({
      kafka: { brokers: ['kafka-1:9092', 'kafka-2:9092'] },
      database: {
        serverUrl: 'postgres://gateway@db.internal:5432/postgres',
        name: 'bp_gateway_test',
        debug: 'queries',
      },
      logLevel: 'error',
      port: 8080,
      host: '0.0.0.0',
      metrics: { port: 9464, host: '10.0.0.5' },
      serviceTimeoutMs: 3_000,
      serviceUrls: {
        rfi: 'http://rfi-service.bp.svc:3101',
        deployment: 'http://deployment-service.bp.svc:3102',
        knowledgeExchange: 'https://knowledge-exchange.bp.svc',
        notification: 'http://notification-service.bp.svc:3104',
        reporting: 'http://reporting-service.bp.svc:3105',
      },
      readsThrough: 'kafka',
      corsAllowedOrigins: ['https://rfi.mup.gov.rs', 'http://localhost:5173'],
      instanceId: 'gateway-a',
      bodyLimitBytes: 65_536,
      keyDir: '/run/secrets/jwt',
      jwtTtlSeconds: 600,
      loginRateLimitPerMinute: 5,
      loginAddressRateLimitPerMinute: 20,
      passwordHashConcurrency: 2,
      passwordHashQueue: 0,
      rateLimit: { limit: 100, windowSeconds: 10 },
      stream: {
        heartbeatSeconds: 5,
        audienceRefreshSeconds: 30,
        maxPerUser: 2,
        maxPerInstance: 50,
      },
      demoPassword: 'another demo password',
    });
    expect(Object.isFrozen(settings)).toBe(true);
    expect(Object.isFrozen(settings.rateLimit)).toBe(true);
    expect(Object.isFrozen(settings.database)).toBe(true);
    expect(Object.isFrozen(settings.stream)).toBe(true);
    expect(Object.isFrozen(settings.metrics)).toBe(true);
  });

  it('refuses invalid values, naming each bad variable and only those', () => {
    const message = refusal({
      PORT: '99999',
      METRICS_PORT: 'public',
      SERVICE_TIMEOUT_MS: '10',
      GATEWAY_INSTANCE_ID: 'two words',
      CORS_ALLOWED_ORIGINS: 'https://a.example,http://a.example',
      BODY_LIMIT_BYTES: '1kb',
      JWT_TTL_SECONDS: '30',
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
      LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '-1',
      PASSWORD_HASH_CONCURRENCY: '65',
      PASSWORD_HASH_QUEUE: '1.5',
      RATE_LIMIT_REQUESTS: 'unlimited',
      RATE_LIMIT_WINDOW_SECONDS: '0',
      STREAM_HEARTBEAT_SECONDS: '0',
      STREAM_AUDIENCE_REFRESH_SECONDS: 'hourly',
      STREAM_MAX_PER_USER: '101',
      STREAM_MAX_PER_INSTANCE: '-5',
      DEMO_PASSWORD: 'short',
      HOST: '127.0.0.1',
    });
    expect(message).toMatch(/^Invalid environment:\n/);
    for (const name of [
      'PORT',
      'METRICS_PORT',
      'SERVICE_TIMEOUT_MS',
      'GATEWAY_INSTANCE_ID',
      'CORS_ALLOWED_ORIGINS',
      'BODY_LIMIT_BYTES',
      'JWT_TTL_SECONDS',
      'LOGIN_RATE_LIMIT_PER_MINUTE',
      'LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE',
      'PASSWORD_HASH_CONCURRENCY',
      'PASSWORD_HASH_QUEUE',
      'RATE_LIMIT_REQUESTS',
      'RATE_LIMIT_WINDOW_SECONDS',
      'STREAM_HEARTBEAT_SECONDS',
      'STREAM_AUDIENCE_REFRESH_SECONDS',
      'STREAM_MAX_PER_USER',
      'STREAM_MAX_PER_INSTANCE',
      'DEMO_PASSWORD',
    ])
      expect(message).toContain(`\n  ${name}: `);
    expect(message).not.toContain('HOST');
  });
});
