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
