import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { NotificationDraft } from '../../domain/notification-draft';
import { audienceKey, partyOf } from '../../domain/audience';

/** A notification as it was just kept: its draft, with the id and time it was stored under. */
export interface StoredNotification extends NotificationDraft {
  id: string;
  audienceKey: string;
  createdAt: Date;
}

/** Keeps the notifications decided from one event, in the transaction of its inbox entry. */
@Injectable()
export class NotificationStore {
  /** Stores each draft once per (event, audience); answers those that are new. */
  async add(
    em: EntityManager,
    eventId: string,
    drafts: readonly NotificationDraft[],
    now: Date,
  ): Promise<StoredNotification[]> {
    const stored: StoredNotification[] = [];
    for (const draft of drafts) {
      const id = randomUUID();
      const key = audienceKey(draft.audience);
      const rows = await em.execute<{ id: string }[]>(
        `insert into notification (id, event_id, audience_key, audience_role, audience_party, kind, subject, details, created_at)
         values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
         on conflict (event_id, audience_key) do nothing returning id`,
        [
          id,
          eventId,
          key,
          draft.audience.role,
          partyOf(draft.audience),
          draft.kind,
          JSON.stringify(draft.subject),
          JSON.stringify(draft.details),
          now,
        ],
      );
      if (rows.length) stored.push({ ...draft, id, audienceKey: key, createdAt: now });
    }
    return stored;
  }
}
