import { NotificationRow } from '../infrastructure/persistence/inbox.query';

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
