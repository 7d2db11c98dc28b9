import { focalPointsOf } from './audience';
import { NotificationDraft } from './notification-draft';

/** A webhook as the notification of its disabling names it: its id and its target. */
export interface DisabledWebhook {
  id: string;
  party: string;
  url: string;
}

/**
 * Tells the party's focal points that their webhook was given up: every delivery to it failed for
 * the whole retry window. Stored like any notification, so it reaches their inbox, stream and any
 * other webhook of theirs; the dead one is disabled before this is stored, so not that one.
 */
export function webhookDisabledNotification(webhook: DisabledWebhook): NotificationDraft {
  return {
    kind: 'WEBHOOK_DISABLED',
    audience: focalPointsOf(webhook.party),
    subject: { type: 'webhook', id: webhook.id },
    details: { url: webhook.url },
  };
}
