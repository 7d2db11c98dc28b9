import { ServiceEnvironment, ServiceSettings, serviceSettings } from '@bp/messaging';
import { deepFreeze, validateEnvironment } from '@bp/observability';

/** Everything the notification-service is configured with: those of every service, so far. */
export type NotificationServiceSettings = ServiceSettings;

export const NOTIFICATION_SERVICE_SETTINGS = Symbol('NOTIFICATION_SERVICE_SETTINGS');

/**
 * The one place the notification-service reads its environment (README, Environment variables).
 * Its entry scripts call it first; a bad setting stops the process with every bad variable named.
 */
export function loadNotificationServiceSettings(
  env: Record<string, string | undefined> = process.env,
): NotificationServiceSettings {
  const environment = validateEnvironment(ServiceEnvironment)(env);
  return deepFreeze(
    serviceSettings(environment, { databaseName: 'bp_notification', httpPort: 3104 }),
  );
}
