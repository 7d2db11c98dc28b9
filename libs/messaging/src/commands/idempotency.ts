import { createHash } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandReply } from '@bp/contracts';

export interface StoredReply {
  requestHash: string;
  reply: CommandReply;
}

/** Same key, same user, other request: a client bug that must not silently replay. */
export function requestHash(command: string, payload: unknown): string {
  return createHash('sha256')
    .update(command)
    .update('\0')
    .update(canonicalJson(payload))
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export async function findStoredReply(
  em: EntityManager,
  actorKey: string,
  key: string,
): Promise<StoredReply | null> {
  const rows = await em.execute<{ request_hash: string; reply: CommandReply }[]>(
    'select request_hash, reply from idempotency_record where actor_key = ? and idempotency_key = ?',
    [actorKey, key],
  );
  const row = rows[0];
  return row ? { requestHash: row.request_hash, reply: row.reply } : null;
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
  await em.execute(
    `insert into idempotency_record (actor_key, idempotency_key, command, request_hash, reply)
     values (?, ?, ?, ?, ?::jsonb)`,
    [actorKey, key, command, hash, JSON.stringify(reply)],
  );
}
