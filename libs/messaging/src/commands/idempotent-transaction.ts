import { EntityManager } from '@mikro-orm/postgresql';
import { CommandReply, IdempotencyErrors, ProblemTypes, problem } from '@bp/contracts';
import { StoredReply, findStoredReply, storeReply } from './idempotency';
import {
  asDeadlineFailure,
  boundByDeadline,
  ensureBeforeDeadline,
  timeLeft,
} from './command-deadline';

/** Only a success is kept and replayed; a refusal is thrown, and its transaction rolls back. */
export type SuccessReply = Extract<CommandReply, { ok: true }>;

/** Whose request it is and what it asked: the same key from the same caller replays the first answer. */
export interface IdempotencyScope {
  actorKey: string;
  key: string | undefined;
  command: string;
  requestHash: string;
  /** Fields of a success's body answered now but never kept (CommandDefinition.shownOnce). */
  shownOnce?: readonly string[];
  /** Epoch ms after which the command must not commit (its message's deadline). */
  deadline?: number;
}

/**
 * Runs `work` in one transaction with the record of its successful reply under (caller, key). A
 * repeat replays that reply and changes nothing, even past the deadline: the answer is the truth
 * of what was applied. A concurrent twin that fails because the first one committed (its unique
 * key, or any constraint the first one now holds) replays it too; the same key with another
 * request is refused (409). A command not yet applied starts only before its deadline and commits
 * only before it (command-deadline.ts). Without a key it is a plain transaction.
 */
export async function idempotentTransaction(
  em: EntityManager,
  scope: IdempotencyScope,
  work: (tx: EntityManager) => Promise<SuccessReply>,
): Promise<CommandReply> {
  const { key, actorKey, deadline } = scope;
  try {
    return await em.transactional(async (tx) => {
      const left = deadline === undefined ? undefined : timeLeft(deadline);
      // With time left, the lookup sets the deadline's bound in its own statement.
      const boundByLookup = Boolean(key) && left !== undefined && left > 0;
      const stored = key
        ? await findStoredReply(tx, actorKey, key, boundByLookup ? left : undefined)
        : null;
      if (stored) return replay(stored, scope.requestHash);
      if (left !== undefined && !boundByLookup) await boundByDeadline(tx, left);
      const reply = await work(tx);
      if (key)
        await storeReply(
          tx,
          actorKey,
          key,
          scope.command,
          scope.requestHash,
          withoutFields(reply, scope.shownOnce ?? []),
        );
      if (deadline !== undefined) ensureBeforeDeadline(deadline);
      return reply;
    });
  } catch (error) {
    const stored = key ? await storedTwin(em, actorKey, key) : null;
    if (!stored) throw deadline === undefined ? error : asDeadlineFailure(error);
    return replay(stored, scope.requestHash);
  }
}

/** A failure of the lookup itself keeps the request's own error, not a database one. */
async function storedTwin(em: EntityManager, actorKey: string, key: string) {
  try {
    return await findStoredReply(em.fork() as EntityManager, actorKey, key);
  } catch {
    return null;
  }
}

function replay(stored: StoredReply, requestHash: string): CommandReply {
  if (stored.requestHash === requestHash) return stored.reply;
  return {
    ok: false,
    problem: problem(
      409,
      ProblemTypes.conflict,
      'Idempotency-Key reused',
      'This Idempotency-Key was used for another request',
      undefined,
      IdempotencyErrors.KEY_REUSED,
    ),
  };
}

/** The reply to keep: the body without the fields that are shown once. */
export function withoutFields(reply: SuccessReply, fields: readonly string[]): SuccessReply {
  if (!fields.length || !reply.body || typeof reply.body !== 'object') return reply;
  const body = Object.fromEntries(
    Object.entries(reply.body as Record<string, unknown>).filter(
      ([name]) => !fields.includes(name),
    ),
  );
  return { ...reply, body };
}
