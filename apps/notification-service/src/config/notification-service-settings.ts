import { ServiceSettings, serviceSettings } from '@bp/messaging';
import { deepFreeze, validateEnvironment } from '@bp/observability';
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
}

export const NOTIFICATION_SERVICE_SETTINGS = Symbol('NOTIFICATION_SERVICE_SETTINGS');

/**
 * The one place the notification-service reads its environment (README, Environment variables).
 * Its entry scripts call it first; a bad setting stops the process with every bad variable named.
 */
export function loadNotificationServiceSettings(
  env: Record<string, string | undefined> = process.env,
): NotificationServiceSettings {
  const environment = validateEnvironment(NotificationServiceEnvironment)(env);
  return deepFreeze({
    ...serviceSettings(environment, { databaseName: 'bp_notification', httpPort: 3104 }),
    duty: {
      ackTimeoutMs: (environment.PAGE_ACK_TIMEOUT_SECONDS ?? 30 * 60) * 1000,
      scanIntervalMs: environment.PAGE_SCAN_INTERVAL_MS ?? 15_000,
    },
    email: {
      smtpUrl: environment.SMTP_URL ?? null,
      from: environment.SMTP_FROM ?? 'BP duty <duty@bp.invalid>',
      publicUrl: environment.PUBLIC_URL ?? 'http://127.0.0.1:3000',
    },
  });
}
