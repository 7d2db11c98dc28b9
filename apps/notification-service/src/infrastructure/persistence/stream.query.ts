import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { NotificationKind, NotificationStreamItem } from '@bp/contracts';
import { textArray } from '@bp/persistence';

interface Row {
  id: string;
  position: string;
  audience_key: string;
  kind: NotificationKind;
  subject: Record<string, unknown>;
  details: Record<string, unknown>;
  created_at: Date;
}

/**
 * A live stream's catch-up: the notifications of the caller's audience keys (domain/audience.ts)
 * after a stream position, oldest first. Positions are visible in commit order
 * (stream-positions.ts), so "after N" misses nothing that a client who saw N could still be owed.
 */
@Injectable()
export class StreamQuery {
  /**
   * The highest position committed so far ('0' before any). Positions become visible in commit
   * order, so every notification not visible yet will get a higher one: a client may resume after
   * it and miss nothing, and a Last-Event-ID above it was never given out here.
   */
  async head(em: EntityManager): Promise<string> {
    const rows = await em.execute<{ head: string }[]>(
      'select coalesce(max(position), 0)::text as head from notification',
    );
    return rows[0]?.head ?? '0';
  }

  async after(
    em: EntityManager,
    keys: readonly string[],
    after: string,
    limit: number,
  ): Promise<NotificationStreamItem[]> {
    if (!keys.length) return [];
    const rows = await em.execute<Row[]>(
      `select id, position::text as position, audience_key, kind, subject, details, created_at
       from notification where audience_key = any(?::text[]) and position > ?::bigint
       order by position limit ?`,
      [textArray(keys), after, limit],
    );
    return rows.map((row) => ({
      position: row.position,
      audienceKey: row.audience_key,
      notification: {
        id: row.id,
        kind: row.kind,
        subject: row.subject,
        details: row.details,
        createdAt: new Date(row.created_at).toISOString(),
      },
    }));
  }
}
