import { NotificationRow } from '../infrastructure/persistence/inbox.query';
import { StoredNotification } from '../infrastructure/persistence/notification-store';

/**
 * A notification as its reader sees it: what to act on (references, titles, ids, never a body)
 * and whether this reader has read it. Who else it was addressed to is not said.
 */
export function notificationView(row: NotificationRow) {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    details: row.details,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

export type NotificationView = ReturnType<typeof notificationView>;

/**
 * What a webhook is sent for a new notification, in the Standard Webhooks envelope: the
 * notification as the inbox shows it (references, titles, ids, never a body), without read marks,
 * which are each user's own.
 */
export function webhookPayload(notification: StoredNotification): string {
  const createdAt = notification.createdAt.toISOString();
  return JSON.stringify({
    type: 'notification.created',
    timestamp: createdAt,
    data: {
      id: notification.id,
      kind: notification.kind,
      subject: notification.subject,
      details: notification.details,
      createdAt,
    },
  });
}
