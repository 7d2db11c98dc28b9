import { loadKnowledgeExchangeServiceSettings } from './knowledge-exchange-service-settings';

/** The message a refused environment stops the process with. */
function refusal(env: Record<string, string>): string {
  try {
    loadKnowledgeExchangeServiceSettings(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the environment was accepted');
}

describe('the knowledge-exchange-service settings', () => {
  it('has a default for every setting', () => {
    expect(loadKnowledgeExchangeServiceSettings({})).toEqual({
      kafka: { brokers: ['127.0.0.1:9092'] },
      database: {
        serverUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
        name: 'bp_knowledge_exchange',
        debug: 'off',
      },
      logLevel: 'info',
      keyDir: '.run/keys',
      http: { port: 3103, host: '127.0.0.1' },
    });
  });

  it('parses a full environment into typed, frozen settings', () => {
    const settings = loadKnowledgeExchangeServiceSettings({
      KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092,kafka-3:9092',
      DATABASE_URL: 'postgres://ke@db.internal:5432/postgres',
      DATABASE_NAME: 'bp_knowledge_exchange_test',
      DATABASE_DEBUG: 'off',
      LOG_LEVEL: 'silent',
      HTTP_PORT: '3403',
      HTTP_HOST: '0.0.0.0',
    });
    expect(settings).toEqual({
      kafka: { brokers: ['kafka-1:9092', 'kafka-2:9092', 'kafka-3:9092'] },
      database: {
        serverUrl: 'postgres://ke@db.internal:5432/postgres',
        name: 'bp_knowledge_exchange_test',
        debug: 'off',
      },
      logLevel: 'silent',
      keyDir: '.run/keys',
      http: { port: 3403, host: '0.0.0.0' },
    });
    expect(Object.isFrozen(settings)).toBe(true);
    expect(Object.isFrozen(settings.kafka.brokers)).toBe(true);
  });

  it('refuses invalid values, naming each bad variable and only those', () => {
    const message = refusal({
      KAFKA_BROKERS: 'kafka-1:9092,',
      HTTP_PORT: '3403.5',
      LOG_LEVEL: 'info',
    });
    expect(message).toMatch(/^Invalid environment:\n/);
    for (const name of ['KAFKA_BROKERS', 'HTTP_PORT']) expect(message).toContain(`  ${name}: `);
    expect(message).not.toContain('LOG_LEVEL');
  });
});
