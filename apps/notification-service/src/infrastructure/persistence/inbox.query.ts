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

/** One caller's inbox: its audience keys (never empty) and the user its read marks are for. */
export interface InboxOf {
  keys: readonly string[];
  userId: string;
}

/** The inbox's notifications: those whose audience key is one of the caller's. */
const MINE = 'n.audience_key = any(array[?]::text[])';

/**
 * One caller's inbox: the notifications of its audiences (`audience_key`, domain/audience.ts
 * inboxKeyOf: the rule is the keys, so SQL and domain cannot disagree) with the caller's own read marks.
 */
@Injectable()
export class InboxQuery {
  async page(
    em: EntityManager,
    inbox: InboxOf,
    query: { limit: number; cursor?: string; unread: boolean; kind?: NotificationKind },
  ) {
    const where = [MINE];
    const params: unknown[] = [inbox.userId, inbox.keys];
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

  async find(em: EntityManager, inbox: InboxOf, id: string): Promise<NotificationRow | null> {
    const rows = await em.execute<Row[]>(
      `select ${COLUMNS} from ${WITH_READ} where ${MINE} and n.id = ?`,
      [inbox.userId, inbox.keys, id],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async unreadCount(em: EntityManager, inbox: InboxOf): Promise<number> {
    const rows = await em.execute<{ unread: string }[]>(
      `select count(*) as unread from ${WITH_READ} where ${MINE} and r.read_at is null`,
      [inbox.userId, inbox.keys],
    );
    return Number(rows[0]?.unread ?? 0);
  }

  /** Marks one notification of the inbox read for the user; a second mark keeps the first time. */
  async markRead(em: EntityManager, inbox: InboxOf, id: string, now: Date): Promise<void> {
    await em.execute(
      `insert into notification_read (user_id, notification_id, read_at)
       select ?, n.id, ? from notification n where ${MINE} and n.id = ?
       on conflict do nothing`,
      [inbox.userId, now, inbox.keys, id],
    );
  }

  /** Marks every notification of the inbox read for the user; answers how many were unread. */
  async markAllRead(em: EntityManager, inbox: InboxOf, now: Date): Promise<number> {
    const rows = await em.execute<{ notification_id: string }[]>(
      `insert into notification_read (user_id, notification_id, read_at)
       select ?, n.id, ? from notification n where ${MINE}
       on conflict do nothing returning notification_id`,
      [inbox.userId, now, inbox.keys],
    );
    return rows.length;
  }
}
