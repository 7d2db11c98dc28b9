import { EntityManager } from '@mikro-orm/postgresql';
import { HoldHolder, RetentionPolicy } from '../../domain/retention/retention-policy';

export interface LegalHold {
  holder: HoldHolder;
  reason: string;
  placedAt: Date;
}

export async function holdsOf(em: EntityManager, rfiId: string): Promise<LegalHold[]> {
  const rows = await em.execute<{ holder: HoldHolder; reason: string; placed_at: Date }[]>(
    'select holder, reason, placed_at from rfi_legal_hold where rfi_id = ? order by holder',
    [rfiId],
  );
  return rows.map((row) => ({
    holder: row.holder,
    reason: row.reason,
    placedAt: new Date(row.placed_at),
  }));
}

/** Keeps a hold; false when the holder has one on the request already. */
export async function keepHold(
  em: EntityManager,
  hold: { rfiId: string; holder: HoldHolder; reason: string; userId: string; at: Date },
): Promise<boolean> {
  const rows = await em.execute(
    `insert into rfi_legal_hold (rfi_id, holder, reason, placed_by_user_id, placed_at)
     values (?, ?, ?, ?, ?) on conflict (rfi_id, holder) do nothing returning rfi_id`,
    [hold.rfiId, hold.holder, hold.reason, hold.userId, hold.at],
  );
  return rows.length > 0;
}

/** Drops a hold; false when the holder had none. */
export async function dropHold(
  em: EntityManager,
  rfiId: string,
  holder: HoldHolder,
): Promise<boolean> {
  const rows = await em.execute(
    'delete from rfi_legal_hold where rfi_id = ? and holder = ? returning rfi_id',
    [rfiId, holder],
  );
  return rows.length > 0;
}

/** Whether a PERSON entity of the request (on it or its thread) is a minor. */
export async function namesMinor(em: EntityManager, rfiId: string): Promise<boolean> {
  const rows = await em.execute(
    `select 1 from rfi_entity where rfi_id = ? and type = 'PERSON' and ("values" ->> 'minor') = 'true' limit 1`,
    [rfiId],
  );
  return rows.length > 0;
}

/**
 * Requests whose retention has ended, held by no one and not yet deleted, the longest ended
 * first. The period is the one of how it ended, or the minors' where it names a minor and that is
 * shorter: the same rule as retentionOf, which the pass applies again under the request's lock.
 */
export async function retentionEnded(
  em: EntityManager,
  policy: RetentionPolicy,
  now: Date,
  limit: number,
): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select r.id from information_request r
     where r.closed_at is not null and r.deleted_at is null
       and r.status in ('CLOSED', 'REJECTED', 'WITHDRAWN')
       and not exists (select 1 from rfi_legal_hold h where h.rfi_id = r.id)
       and r.closed_at + least(
             case r.status when 'CLOSED' then ?::double precision
                           when 'REJECTED' then ?::double precision
                           else ?::double precision end,
             case when exists (select 1 from rfi_entity e where e.rfi_id = r.id and e.type = 'PERSON'
                                 and (e."values" ->> 'minor') = 'true')
                  then ?::double precision end
           ) * interval '1 millisecond' <= ?
     order by r.closed_at
     limit ?`,
    [policy.CLOSED, policy.REJECTED, policy.WITHDRAWN, policy.MINORS, now, limit],
  );
  return rows.map((row) => row.id);
}

/**
 * Deletes what the request's people wrote beside it: its entities, its files (their blobs go to
 * the orphans the sweep frees) and its messages. The request's row is blanked by its aggregate.
 */
export async function deleteBodies(em: EntityManager, rfiId: string): Promise<void> {
  await em.execute('delete from rfi_entity_key where rfi_id = ?', [rfiId]);
  await em.execute('delete from rfi_entity where rfi_id = ?', [rfiId]);
  // Listed as orphans from long ago: the sweep's grace is for uploads still under way, and these
  // blobs belong to files kept long since, so the next sweep frees them.
  await em.execute(
    `insert into attachment_orphan (blob_id, since)
     select blob_id, now() - interval '1 day' from rfi_attachment where rfi_id = ?
     on conflict (blob_id) do update set since = excluded.since`,
    [rfiId],
  );
  await em.execute('delete from rfi_attachment where rfi_id = ?', [rfiId]);
  await em.execute('delete from rfi_message where rfi_id = ?', [rfiId]);
  // The history's notes go with `deleted_at` (history-notes.migration.ts): their lines keep the
  // digest, so the chain still holds.
}
