import { EntityManager } from '@mikro-orm/postgresql';
import { textArray } from '@bp/persistence';

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
  const claimed = await claimInboxEntries(em, consumer, [{ id: eventId, type: eventType }]);
  return claimed.has(eventId.toLowerCase());
}

/**
 * Claims the inbox entries of a run of events in one statement (a consumer's per-event insert was
 * a round trip each): answers the ids that were not handled before, in lower case as PostgreSQL
 * writes a uuid. An id that comes twice in the run is claimed once; the caller applies its first
 * copy and treats the next as a duplicate.
 */
export async function claimInboxEntries(
  em: EntityManager,
  consumer: string,
  events: readonly { id: string; type: string }[],
): Promise<Set<string>> {
  if (!em.isInTransaction())
    throw new Error('An inbox entry must be claimed in the transaction of its effect');
  const typeOf = new Map(events.map((event) => [event.id.toLowerCase(), event.type]));
  if (!typeOf.size) return new Set();
  const rows = await em.execute<{ event_id: string }[]>(
    `insert into inbox_message (consumer, event_id, event_type)
     select ?, run.event_id, run.event_type
     from unnest(?::uuid[], ?::text[]) as run (event_id, event_type)
     on conflict do nothing returning event_id`,
    [consumer, textArray([...typeOf.keys()]), textArray([...typeOf.values()])],
  );
  return new Set(rows.map((row) => row.event_id));
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
