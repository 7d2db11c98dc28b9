import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { NotificationKind } from '@bp/contracts';
import { decodeCursor, pageOf } from '@bp/persistence';

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  subject: Record<string, unknown>;
  details: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

interface Row {
  id: string;
  kind: NotificationKind;
  subject: Record<string, unknown>;
  details: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

const COLUMNS = `n.id, n.kind, n.subject, n.details, n.created_at, r.read_at`;
const WITH_READ = `notification n left join notification_read r on r.notification_id = n.id and r.user_id = ?`;

const toRow = (row: Row): NotificationRow => ({
  id: row.id,
  kind: row.kind,
  subject: row.subject,
  details: row.details,
  createdAt: new Date(row.created_at),
  readAt: row.read_at ? new Date(row.read_at) : null,
});

/**
 * One caller's inbox: the notifications of its audience (`audience_key`, domain/audience.ts
 * inboxKeyOf: the rule is the key, so SQL and domain cannot disagree) with the caller's own read marks.
 */
@Injectable()
export class InboxQuery {
  async page(
    em: EntityManager,
    inbox: { key: string; userId: string },
    query: { limit: number; cursor?: string; unread: boolean; kind?: NotificationKind },
  ) {
    const where = ['n.audience_key = ?'];
    const params: unknown[] = [inbox.userId, inbox.key];
    if (query.unread) where.push('r.read_at is null');
    if (query.kind) {
      where.push('n.kind = ?');
      params.push(query.kind);
    }
    if (query.cursor) {
      where.push('(n.created_at, n.id) < (?::timestamptz, ?::uuid)');
      params.push(...decodeCursor(query.cursor));
    }
    const rows = await em.execute<Row[]>(
      `select ${COLUMNS} from ${WITH_READ} where ${where.join(' and ')}
       order by n.created_at desc, n.id desc limit ?`,
      [...params, query.limit + 1],
    );
    return pageOf(
      rows.map(toRow),
      query.limit,
      (n) => [n.createdAt, n.id],
      (n) => n,
    );
  }

  async find(
    em: EntityManager,
    inbox: { key: string; userId: string },
    id: string,
  ): Promise<NotificationRow | null> {
    const rows = await em.execute<Row[]>(
      `select ${COLUMNS} from ${WITH_READ} where n.audience_key = ? and n.id = ?`,
      [inbox.userId, inbox.key, id],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async unreadCount(em: EntityManager, inbox: { key: string; userId: string }): Promise<number> {
    const rows = await em.execute<{ unread: string }[]>(
      `select count(*) as unread from ${WITH_READ} where n.audience_key = ? and r.read_at is null`,
      [inbox.userId, inbox.key],
    );
    return Number(rows[0]?.unread ?? 0);
  }

  /** Marks one notification of the inbox read for the user; a second mark keeps the first time. */
  async markRead(
    em: EntityManager,
    inbox: { key: string; userId: string },
    id: string,
    now: Date,
  ): Promise<void> {
    await em.execute(
      `insert into notification_read (user_id, notification_id, read_at)
       select ?, id, ? from notification where audience_key = ? and id = ?
       on conflict do nothing`,
      [inbox.userId, now, inbox.key, id],
    );
  }

  /** Marks every notification of the inbox read for the user; answers how many were unread. */
  async markAllRead(
    em: EntityManager,
    inbox: { key: string; userId: string },
    now: Date,
  ): Promise<number> {
    const rows = await em.execute<{ notification_id: string }[]>(
      `insert into notification_read (user_id, notification_id, read_at)
       select ?, id, ? from notification where audience_key = ?
       on conflict do nothing returning notification_id`,
      [inbox.userId, now, inbox.key],
    );
    return rows.length;
  }
}
