import { EntityManager } from '@mikro-orm/postgresql';
import { EVENT_CATALOG, KAFKA_TOPOLOGY } from '@bp/contracts';
import { pruneClientKeyReplies, pruneMessageReplies } from '../commands/idempotency';
import { pruneInbox } from '../inbox/inbox';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * How long the records that make redelivery harmless are kept. Each outlives every way its message
 * can come again; after that a row only costs space.
 * - Replies kept by message id: a command is not started after its deadline (seconds).
 * - Replies kept by a client's Idempotency-Key: a client retries within minutes; a week is the
 *   promise (README, Idempotency-Key), after which the same key is a new request.
 * - Inbox rows: a record lives on a topic of finite retention at most its retention plus one
 *   segment (7 + 7 days with the broker's defaults); a day more for a consumer still catching
 *   up. Events of topics kept for good (deployment events: the postings rebuild replays them) can
 *   come again at any time, so their rows are never pruned.
 */
export const RECORD_RETENTION = {
  messageRepliesMs: HOUR_MS,
  clientKeyRepliesMs: 7 * DAY_MS,
  inboxMs: 15 * DAY_MS,
} as const;

/** Event types whose topic keeps records for a bounded time: their inbox rows may go. */
export function typesOnBoundedTopics(): string[] {
  const keptForGood = new Set(
    KAFKA_TOPOLOGY.filter((spec) =>
      spec.configEntries?.some((c) => c.name === 'retention.ms' && c.value === '-1'),
    ).map((spec) => spec.topic),
  );
  return EVENT_CATALOG.types().filter((type) => !keptForGood.has(EVENT_CATALOG.get(type).topic));
}

export interface PrunedRecords {
  messageReplies: number;
  clientKeyReplies: number;
  inboxRows: number;
}

/** Deletes what no redelivery can need any more. */
export async function pruneKeptRecords(
  em: EntityManager,
  retention = RECORD_RETENTION,
): Promise<PrunedRecords> {
  return {
    messageReplies: await pruneMessageReplies(em, retention.messageRepliesMs),
    clientKeyReplies: await pruneClientKeyReplies(em, retention.clientKeyRepliesMs),
    inboxRows: await pruneInbox(em, retention.inboxMs, typesOnBoundedTopics()),
  };
}
