import { SERVICES } from '@bp/contracts';
import { ServiceSettings, serviceSettings } from '@bp/messaging';
import { deepFreeze, validateEnvironment } from '@bp/observability';
import { WebhookSettings } from '../application/webhook-settings';
import { NotificationServiceEnvironment } from './notification-service-environment';

/** Duty pages: how long one waits for an acknowledgement, and how often they are looked at. */
export interface DutySettings {
  readonly ackTimeoutMs: number;
  readonly scanIntervalMs: number;
}

/** E-mail of duty pages; `smtpUrl` null: none is sent (pages still reach inbox, stream, webhooks). */
export interface EmailSettings {
  readonly smtpUrl: string | null;
  readonly from: string;
  readonly publicUrl: string;
}

/** Everything the notification-service is configured with. */
export interface NotificationServiceSettings extends ServiceSettings {
  readonly duty: DutySettings;
  readonly email: EmailSettings;
  readonly webhooks: WebhookSettings;
}

export const NOTIFICATION_SERVICE_SETTINGS = Symbol('NOTIFICATION_SERVICE_SETTINGS');

const HOUR = 3_600_000;

/**
 * The one place the notification-service reads its environment (README, Environment variables).
 * Its entry scripts call it first; a bad setting stops the process with every bad variable named.
 */
export function loadNotificationServiceSettings(
  env: Record<string, string | undefined> = process.env,
): NotificationServiceSettings {
  const environment = validateEnvironment(NotificationServiceEnvironment)(env);
  return deepFreeze({
    ...serviceSettings(environment, {
      databaseName: 'bp_notification',
      httpPort: SERVICES.notification.httpPort,
    }),
    duty: {
      ackTimeoutMs: (environment.PAGE_ACK_TIMEOUT_SECONDS ?? 30 * 60) * 1000,
      scanIntervalMs: environment.PAGE_SCAN_INTERVAL_MS ?? 15_000,
    },
    email: {
      smtpUrl: environment.SMTP_URL ?? null,
      from: environment.SMTP_FROM ?? 'BP duty <duty@bp.invalid>',
      publicUrl: environment.PUBLIC_URL ?? 'http://127.0.0.1:3000',
    },
    webhooks: new WebhookSettings(
      {
        baseDelayMs: environment.WEBHOOK_RETRY_BASE_MS ?? 30_000,
        maxDelayMs: environment.WEBHOOK_RETRY_MAX_MS ?? HOUR,
        windowMs: environment.WEBHOOK_RETRY_WINDOW_MS ?? 24 * HOUR,
      },
      environment.WEBHOOK_TIMEOUT_MS ?? 10_000,
      environment.WEBHOOK_POLL_INTERVAL_MS ?? 1_000,
      environment.WEBHOOK_SECRET_OVERLAP_MS ?? 24 * HOUR,
      (environment.WEBHOOK_ALLOWED_TARGETS ?? '')
        .split(',')
        .map((target) => target.trim().toLowerCase())
        .filter(Boolean),
      environment.WEBHOOK_SECRET_KEY ?? null,
    ),
  });
}
