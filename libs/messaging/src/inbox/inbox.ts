import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Records that `consumer` handled `eventId`, in the caller's transaction. False means it was
 * handled before: the caller must then change nothing. Because the row commits with the effect,
 * a redelivered event can never be applied twice.
 */
export async function claimInboxEntry(
  em: EntityManager,
  consumer: string,
  eventId: string,
  eventType: string,
): Promise<boolean> {
  if (!em.isInTransaction())
    throw new Error('An inbox entry must be claimed in the transaction of its effect');
  const rows = await em.execute<{ event_id: string }[]>(
    `insert into inbox_message (consumer, event_id, event_type) values (?, ?, ?)
     on conflict do nothing returning event_id`,
    [consumer, eventId, eventType],
  );
  return rows.length === 1;
}

const PRUNE_BATCH = 5_000;

/**
 * Deletes inbox rows of `types` handled more than `olderThanMs` ago, a batch per statement so the
 * consumers' inserts never wait long. Only for events that cannot be delivered again by then
 * (service/record-retention.ts): a pruned row no longer stops a second effect.
 */
export async function pruneInbox(
  em: EntityManager,
  olderThanMs: number,
  types: readonly string[],
): Promise<number> {
  if (!types.length) return 0;
  let total = 0;
  for (;;) {
    const rows = await em.execute<{ n: string }[]>(
      `with gone as (delete from inbox_message where ctid in (
         select ctid from inbox_message
         where handled_at < now() - make_interval(secs => ?) and event_type in (?)
         limit ?) returning 1)
       select count(*) as n from gone`,
      [olderThanMs / 1000, [...types], PRUNE_BATCH],
    );
    const deleted = Number(rows[0]?.n ?? 0);
    total += deleted;
    if (deleted < PRUNE_BATCH) return total;
  }
}
