import { loadNotificationServiceSettings } from './notification-service-settings';

describe('the notification-service settings', () => {
  it('has a default for every setting', () => {
    expect(loadNotificationServiceSettings({})).toEqual({
      kafka: { brokers: ['127.0.0.1:9092'] },
      database: {
        serverUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
        name: 'bp_notification',
        debug: 'off',
      },
      logLevel: 'info',
      keyDir: '.run/keys',
      http: { port: 3104, host: '127.0.0.1' },
      duty: { ackTimeoutMs: 1_800_000, scanIntervalMs: 15_000 },
      email: {
        smtpUrl: null,
        from: 'BP duty <duty@bp.invalid>',
        publicUrl: 'http://127.0.0.1:3000',
      },
      webhooks: {
        retry: { baseDelayMs: 30_000, maxDelayMs: 3_600_000, windowMs: 86_400_000 },
        timeoutMs: 10_000,
        pollIntervalMs: 1_000,
        secretOverlapMs: 86_400_000,
        allowedTargets: [],
        secretKey: null,
      },
    });
  });

  it('takes its database and port from the environment, frozen', () => {
    const settings = loadNotificationServiceSettings({
      DATABASE_NAME: 'bp_notification_test',
      HTTP_PORT: '3404',
    });
    expect(settings.database.name).toBe('bp_notification_test');
    expect(settings.http.port).toBe(3404);
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it('takes the webhook delivery settings, with the allowed targets as a list', () => {
    const { webhooks } = loadNotificationServiceSettings({
      WEBHOOK_RETRY_BASE_MS: '200',
      WEBHOOK_RETRY_WINDOW_MS: '5000',
      WEBHOOK_ALLOWED_TARGETS: '127.0.0.1, Receiver.Local',
      WEBHOOK_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(webhooks.retry).toEqual({ baseDelayMs: 200, maxDelayMs: 3_600_000, windowMs: 5_000 });
    expect(webhooks.allowedTargets).toEqual(['127.0.0.1', 'receiver.local']);
    expect(webhooks.secretKey).toHaveLength(44);
    expect(() => loadNotificationServiceSettings({ WEBHOOK_SECRET_KEY: 'short' })).toThrow(
      /WEBHOOK_SECRET_KEY/,
    );
  });

  it('refuses an invalid value, naming it', () => {
    expect(() => loadNotificationServiceSettings({ HTTP_PORT: '3404.5' })).toThrow(/HTTP_PORT/);
    expect(() => loadNotificationServiceSettings({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL/);
    expect(() => loadNotificationServiceSettings({ PAGE_ACK_TIMEOUT_SECONDS: '0' })).toThrow(
      /PAGE_ACK_TIMEOUT_SECONDS/,
    );
  });

  it('pages and mails as configured', () => {
    const settings = loadNotificationServiceSettings({
      PAGE_ACK_TIMEOUT_SECONDS: '2',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      PUBLIC_URL: 'https://bp.example.org',
    });
    expect(settings.duty.ackTimeoutMs).toBe(2_000);
    expect(settings.email).toMatchObject({
      smtpUrl: 'smtp://127.0.0.1:2525',
      publicUrl: 'https://bp.example.org',
    });
  });
});
