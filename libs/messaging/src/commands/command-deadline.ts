import { EntityManager } from '@mikro-orm/postgresql';

/**
 * The command could not commit before its deadline and was rolled back. The gateway stops waiting
 * shortly after the deadline (ServiceClient), so without this a change could commit after its
 * caller was told 504, and a retry without an Idempotency-Key would apply it twice.
 */
export class CommandDeadlinePassed extends Error {
  constructor() {
    super('The command could not be completed before its deadline; nothing was applied');
  }
}

/** SQLSTATE query_canceled: here, the statement timeout set from the deadline. */
const QUERY_CANCELED = '57014';

/** Milliseconds until the deadline; zero or less once it has passed. */
export function timeLeft(deadline: number): number {
  return Math.ceil(deadline - Date.now());
}

/**
 * Bounds every statement of the command's transaction by the time left, so a lock wait or a slow
 * query ends at the deadline instead of committing after it. A stored-reply lookup can set the
 * same bound in its own statement (idempotency.ts findStoredReply).
 */
export async function boundByDeadline(tx: EntityManager, left: number): Promise<void> {
  if (left <= 0) throw new CommandDeadlinePassed();
  await tx.execute(`select set_config('statement_timeout', ?, true)`, [String(left)]);
}

/** Called as the last step before commit: past the deadline, the transaction rolls back. */
export function ensureBeforeDeadline(deadline: number): void {
  if (Date.now() >= deadline) throw new CommandDeadlinePassed();
}

/** A statement cancelled by the deadline's timeout is the deadline passing, not a database fault. */
export function asDeadlineFailure(error: unknown): unknown {
  return codeOf(error) === QUERY_CANCELED ? new CommandDeadlinePassed() : error;
}

function codeOf(error: unknown): unknown {
  const candidate = error as { code?: unknown; cause?: unknown } | null;
  if (!candidate || typeof candidate !== 'object') return undefined;
  return candidate.code ?? (candidate.cause !== error ? codeOf(candidate.cause) : undefined);
}
