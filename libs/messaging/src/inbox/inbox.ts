import { EntityManager } from '@mikro-orm/postgresql';
import { PreparedStatement, runPrepared } from '@bp/persistence';

const CLAIM_INBOX_ENTRIES: PreparedStatement = {
  name: 'messaging.claim-inbox-entries',
  text: `insert into inbox_message (consumer, event_id, event_type)
    select $1, run.event_id, run.event_type
    from unnest($2::uuid[], $3::text[]) as run (event_id, event_type)
    on conflict do nothing returning event_id`,
};

/** The events of a run whose inbox entries were claimed just now: each is to be applied once. */
export class InboxClaims {
  constructor(private readonly ids: Set<string>) {}

  /**
   * Whether the event is to be applied now. False for one handled before, and for a second copy
   * of one already taken. PostgreSQL answers a uuid in lower case, whatever case it was sent in.
   */
  take(eventId: string): boolean {
    return this.ids.delete(eventId.toLowerCase());
  }
}

/**
 * Records, in the caller's transaction, that `consumer` handled these events, in one statement for
 * a whole run. An event whose entry exists was handled before: the caller must then change nothing
 * for it. Because the rows commit with the effects, a redelivered event can never be applied twice.
 */
export async function claimInboxEntries(
  em: EntityManager,
  consumer: string,
  events: readonly { id: string; type: string }[],
): Promise<InboxClaims> {
  if (!em.isInTransaction())
    throw new Error('An inbox entry must be claimed in the transaction of its effect');
  const typeOf = new Map(events.map((event) => [event.id.toLowerCase(), event.type]));
  if (!typeOf.size) return new InboxClaims(new Set());
  const rows = await runPrepared<{ event_id: string }>(em, CLAIM_INBOX_ENTRIES, [
    consumer,
    [...typeOf.keys()],
    [...typeOf.values()],
  ]);
  return new InboxClaims(new Set(rows.map((row) => row.event_id)));
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
