import { DEFAULT_RESPONSE_TIMES } from '../domain/due-time';
import { RfiSettings } from '../application/rfi-settings';
import { AttachmentSettings } from '../application/attachment-settings';
import { loadRfiServiceSettings } from './rfi-service-settings';

const HOUR = 3_600_000;

/** The message a refused environment stops the process with. */
function refusal(env: Record<string, string>): string {
  try {
    loadRfiServiceSettings(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the environment was accepted');
}

describe('the rfi-service settings', () => {
  it('has a default for every setting', () => {
    expect(loadRfiServiceSettings({})).toEqual({
      kafka: { brokers: ['127.0.0.1:9092'] },
      database: {
        serverUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
        name: 'bp_rfi',
        debug: 'off',
      },
      logLevel: 'info',
      keyDir: '.run/keys',
      http: { port: 3101, host: '127.0.0.1' },
      rfi: new RfiSettings(DEFAULT_RESPONSE_TIMES, 50, 60_000, 0.75),
      attachments: new AttachmentSettings(
        { maxBytes: 50_000_000, maxTotalBytes: 200_000_000, maxCount: 50 },
        { kind: 'postgres' },
        60_000,
      ),
    });
  });

  it('parses a full environment into typed, frozen settings', () => {
    const settings = loadRfiServiceSettings({
      KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9093',
      DATABASE_URL: 'postgres://rfi@db.internal:5432/postgres',
      DATABASE_NAME: 'bp_rfi_test',
      DATABASE_DEBUG: 'queries',
      LOG_LEVEL: 'warn',
      HTTP_PORT: '3401',
      HTTP_HOST: '0.0.0.0',
      RFI_RESPONSE_TIMES: 'URGENT=4h, NORMAL=2s',
      RFI_ESCALATION_STEP_PERCENT: '25',
      RFI_OVERDUE_SCAN_INTERVAL_MS: '300',
      RFI_DUE_SOON_SHARE: '0.5',
      ATTACHMENT_MAX_BYTES: '1000000',
      ATTACHMENT_MAX_TOTAL_BYTES: '5000000',
      ATTACHMENT_MAX_COUNT: '10',
      ATTACHMENT_STORE: 's3',
      ATTACHMENT_S3_BUCKET: 'bp-attachments',
      ATTACHMENT_S3_ENDPOINT: 'http://minio.internal:9000',
      ATTACHMENT_S3_REGION: 'eu-central-1',
      ATTACHMENT_S3_FORCE_PATH_STYLE: 'true',
      ATTACHMENT_SWEEP_INTERVAL_MS: '5000',
      UNRELATED: 'ignored',
    });
    expect(settings).toEqual({
      kafka: { brokers: ['kafka-1:9092', 'kafka-2:9093'] },
      database: {
        serverUrl: 'postgres://rfi@db.internal:5432/postgres',
        name: 'bp_rfi_test',
        debug: 'queries',
      },
      logLevel: 'warn',
      keyDir: '.run/keys',
      http: { port: 3401, host: '0.0.0.0' },
      rfi: new RfiSettings(
        { ...DEFAULT_RESPONSE_TIMES, URGENT: 4 * HOUR, NORMAL: 2_000 },
        25,
        300,
        0.5,
      ),
      attachments: new AttachmentSettings(
        { maxBytes: 1_000_000, maxTotalBytes: 5_000_000, maxCount: 10 },
        {
          kind: 's3',
          bucket: 'bp-attachments',
          endpoint: 'http://minio.internal:9000',
          region: 'eu-central-1',
          forcePathStyle: true,
        },
        5_000,
      ),
    });
    expect(settings.rfi).toBeInstanceOf(RfiSettings);
    expect(settings.rfi.escalationStep('URGENT')).toBe(HOUR);
    expect(Object.isFrozen(settings)).toBe(true);
    expect(Object.isFrozen(settings.rfi.responseTimes)).toBe(true);
    expect(Object.isFrozen(settings.kafka.brokers)).toBe(true);
  });

  // Issue 13: "settings such as RFI_OVERDUE_SCAN_INTERVAL_MS are read with Number(...) unchecked".
  it('settings are no longer read with Number(...) unchecked: invalid values are refused at boot, naming each bad variable and only those', () => {
    const message = refusal({
      RFI_RESPONSE_TIMES: 'URGENT=8 hours',
      RFI_ESCALATION_STEP_PERCENT: 'half',
      RFI_OVERDUE_SCAN_INTERVAL_MS: '10',
      HTTP_PORT: '70000',
      KAFKA_BROKERS: 'kafka without port',
      LOG_LEVEL: 'verbose',
      DATABASE_URL: 'mysql://db.internal/rfi',
      DATABASE_DEBUG: 'everything',
      DATABASE_NAME: 'bp_rfi',
    });
    expect(message).toMatch(/^Invalid environment:\n/);
    expect(message).toContain('RFI_RESPONSE_TIMES: Invalid response time "URGENT=8 hours"');
    for (const name of [
      'RFI_ESCALATION_STEP_PERCENT',
      'RFI_OVERDUE_SCAN_INTERVAL_MS',
      'HTTP_PORT',
      'KAFKA_BROKERS',
      'LOG_LEVEL',
      'DATABASE_URL',
      'DATABASE_DEBUG',
    ])
      expect(message).toContain(`  ${name}: `);
    expect(message).not.toContain('DATABASE_NAME');
  });

  it("refuses the issue's own example, an overdue scan interval of '1m' (once NaN: a pass every millisecond)", () => {
    expect(refusal({ RFI_OVERDUE_SCAN_INTERVAL_MS: '1m' })).toContain(
      '  RFI_OVERDUE_SCAN_INTERVAL_MS: ',
    );
  });

  it('takes a due-soon share strictly between 0 and 1', () => {
    expect(loadRfiServiceSettings({ RFI_DUE_SOON_SHARE: '0.9' }).rfi.dueSoonShare).toBe(0.9);
    for (const share of ['0', '1', '-0.5', '75', 'three quarters', ''])
      expect(refusal({ RFI_DUE_SOON_SHARE: share })).toContain('  RFI_DUE_SOON_SHARE: ');
  });

  it('needs a bucket for the S3 store, and takes only the two stores it has', () => {
    expect(refusal({ ATTACHMENT_STORE: 's3' })).toContain('  ATTACHMENT_S3_BUCKET: ');
    expect(refusal({ ATTACHMENT_STORE: 'disk' })).toContain('  ATTACHMENT_STORE: ');
    expect(refusal({ ATTACHMENT_MAX_BYTES: '50MB' })).toContain('  ATTACHMENT_MAX_BYTES: ');
  });
});
