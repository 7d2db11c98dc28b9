import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { NotificationDraft } from '../../domain/notification-draft';
import { audienceKey, partyOf } from '../../domain/audience';

/** Keeps the notifications decided from one event, in the transaction of its inbox entry. */
@Injectable()
export class NotificationStore {
  /** Stores each draft once per (event, audience); answers how many are new. */
  async add(
    em: EntityManager,
    eventId: string,
    drafts: readonly NotificationDraft[],
    now: Date,
  ): Promise<number> {
    let added = 0;
    for (const draft of drafts) {
      const rows = await em.execute<{ id: string }[]>(
        `insert into notification (id, event_id, audience_key, audience_role, audience_party, kind, subject, details, created_at)
         values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
         on conflict (event_id, audience_key) do nothing returning id`,
        [
          randomUUID(),
          eventId,
          audienceKey(draft.audience),
          draft.audience.role,
          partyOf(draft.audience),
          draft.kind,
          JSON.stringify(draft.subject),
          JSON.stringify(draft.details),
          now,
        ],
      );
      added += rows.length;
    }
    return added;
  }
}
