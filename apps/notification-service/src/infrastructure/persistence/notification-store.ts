import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { NotificationDraft } from '../../domain/notification-draft';
import { audienceKey, partyOf } from '../../domain/audience';
import { PreparedStatement, columnArrays, runPrepared, unnestRows } from '@bp/persistence';
import { StreamPositions } from './stream-positions';

const NOTIFICATION_TYPES = [
  'uuid',
  'uuid',
  'text',
  'text',
  'text',
  'text',
  'jsonb',
  'jsonb',
  'timestamptz',
];

/** Notifications in the drafts' order, each drawing its position (StreamPositions.NEXT) in it. */
const NOTIFICATION_INSERT: PreparedStatement = {
  name: 'notification.insert',
  text: `insert into notification (id, event_id, audience_key, audience_role, audience_party, kind, subject, details, created_at, position)
    ${unnestRows(NOTIFICATION_TYPES, [StreamPositions.NEXT])}
    on conflict (event_id, audience_key) do nothing returning id, position::text as position`,
};

/** A notification as it was just kept: its draft, with the id, time and stream position it got. */
export interface StoredNotification extends NotificationDraft {
  id: string;
  audienceKey: string;
  createdAt: Date;
  /** Its place in the live stream (stream-positions.ts), as text: a bigint. */
  position: string;
}

/**
 * Keeps the notifications decided from one event, in the transaction of its inbox entry, each
 * numbered for the live stream by the insert itself: one statement, and no second version of
 * the row for the position.
 */
@Injectable()
export class NotificationStore {
  private readonly positions = new StreamPositions();

  /** Stores each draft once per (event, audience), in order; answers those that are new. */
  async add(
    em: EntityManager,
    eventId: string,
    drafts: readonly NotificationDraft[],
    now: Date,
  ): Promise<StoredNotification[]> {
    if (!drafts.length) return [];
    const rows = drafts.map((draft) => ({
      draft,
      id: randomUUID(),
      audienceKey: audienceKey(draft.audience),
    }));
    await this.positions.holdForDrawing(em);
    // Positions are drawn in the drafts' order. A row that conflicts still drew its number: a
    // gap, which no reader waits for.
    const inserted = await runPrepared<{ id: string; position: string }>(
      em,
      NOTIFICATION_INSERT,
      columnArrays(
        rows.map(({ draft, id, audienceKey: key }) => [
          id,
          eventId,
          key,
          draft.audience.role,
          partyOf(draft.audience),
          draft.kind,
          JSON.stringify(draft.subject),
          JSON.stringify(draft.details),
          now,
        ]),
        NOTIFICATION_TYPES.length,
      ),
    );
    const positionOf = new Map(inserted.map((row) => [row.id, row.position]));
    return rows
      .filter(({ id }) => positionOf.has(id))
      .map(({ draft, id, audienceKey: key }) => ({
        ...draft,
        id,
        audienceKey: key,
        createdAt: now,
        position: positionOf.get(id)!,
      }));
  }
}
