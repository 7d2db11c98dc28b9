import { createHash } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandMetaDto, CommandReply } from '@bp/contracts';
import { canonicalJson } from '@bp/auth';
import { PreparedStatement, runPrepared } from '@bp/persistence';

export interface StoredReply {
  requestHash: string;
  reply: CommandReply;
}

/** Records kept under a message id, not a client's key: only redeliveries within a deadline need them. */
const MESSAGE_KEY_PREFIX = 'message ';

/**
 * The key a mutating command is kept under: the client's Idempotency-Key, else the message's own id.
 * A client key is visible ASCII without spaces, so a message key (with its space) never meets one.
 */
export function idempotencyKeyOf(
  meta: Pick<CommandMetaDto, 'idempotencyKey' | 'messageId'>,
): string | undefined {
  if (meta.idempotencyKey) return meta.idempotencyKey;
  return meta.messageId ? `${MESSAGE_KEY_PREFIX}${meta.messageId}` : undefined;
}

/**
 * Deletes the records kept under message ids once no redelivery can reach them: a command is not
 * started after its deadline, and deadlines are seconds away, so an hour is far beyond any.
 */
export async function pruneMessageReplies(
  em: EntityManager,
  olderThanMs = 3_600_000,
): Promise<number> {
  const rows = await em.execute<{ n: string }[]>(
    `with gone as (delete from idempotency_record
       where idempotency_key like ? and created_at < now() - make_interval(secs => ?)
       returning 1)
     select count(*) as n from gone`,
    [`${MESSAGE_KEY_PREFIX}%`, olderThanMs / 1000],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Deletes the records kept under clients' Idempotency-Keys after `olderThanMs`: a retry later than
 * that is a new request (service/record-retention.ts).
 */
export async function pruneClientKeyReplies(
  em: EntityManager,
  olderThanMs: number,
): Promise<number> {
  const rows = await em.execute<{ n: string }[]>(
    `with gone as (delete from idempotency_record
       where idempotency_key not like ? and created_at < now() - make_interval(secs => ?)
       returning 1)
     select count(*) as n from gone`,
    [`${MESSAGE_KEY_PREFIX}%`, olderThanMs / 1000],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Same key, same user, other request: a client bug that must not silently replay. */
export function requestHash(command: string, payload: unknown): string {
  return createHash('sha256')
    .update(command)
    .update('\0')
    .update(canonicalJson(payload))
    .digest('hex');
}

const STORED_REPLY: PreparedStatement = {
  name: 'messaging.stored-reply',
  text: 'select request_hash, reply from idempotency_record where actor_key = $1 and idempotency_key = $2',
};

const STORED_REPLY_BOUNDING: PreparedStatement = {
  name: 'messaging.stored-reply-bounding',
  text: `select set_config('statement_timeout', $3, true) as bound, kept.request_hash, kept.reply
    from (select 1) as one
    left join idempotency_record kept on kept.actor_key = $1 and kept.idempotency_key = $2`,
};

const STORE_REPLY: PreparedStatement = {
  name: 'messaging.store-reply',
  text: `insert into idempotency_record (actor_key, idempotency_key, command, request_hash, reply)
    values ($1, $2, $3, $4, $5::jsonb)`,
};

/**
 * The reply kept under (caller, key), if any. Given `boundMs`, the same statement also bounds every
 * later statement of the transaction by it (command-deadline.ts), which saves a command a round
 * trip; the lookup itself is not bounded, as a replay past the deadline must still be found.
 */
export async function findStoredReply(
  em: EntityManager,
  actorKey: string,
  key: string,
  boundMs?: number,
): Promise<StoredReply | null> {
  const rows =
    boundMs === undefined
      ? await runPrepared<StoredRow>(em, STORED_REPLY, [actorKey, key])
      : await runPrepared<StoredRow>(em, STORED_REPLY_BOUNDING, [actorKey, key, String(boundMs)]);
  const row = rows[0];
  return row?.request_hash ? { requestHash: row.request_hash, reply: row.reply } : null;
}

interface StoredRow {
  request_hash: string | null;
  reply: CommandReply;
}

/** Inserted in the transaction of the effect; a concurrent twin makes this throw a unique violation. */
export async function storeReply(
  em: EntityManager,
  actorKey: string,
  key: string,
  command: string,
  hash: string,
  reply: CommandReply,
): Promise<void> {
  await runPrepared(em, STORE_REPLY, [actorKey, key, command, hash, JSON.stringify(reply)]);
}
