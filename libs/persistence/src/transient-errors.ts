import { ConnectionException, DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';

// SQLSTATE classes and codes that mean "the database could not do it now", not "this input is bad":
// 08 connection exception, 57P01-03 server shutting down or starting, 53 insufficient resources,
// 40001 serialization failure, 40P01 deadlock.
const TRANSIENT_SQLSTATE = /^(08|53)|^(57P0[123]|40001|40P01)$/;
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
]);
const TRANSIENT_MESSAGES =
  /Connection terminated|connection error|Timeout acquiring a connection|timeout exceeded when trying to connect|Client was closed|the database system is (starting up|shutting down)/i;

/**
 * True when retrying later may succeed without any change to the input: such errors must never
 * park a message in a dead-letter topic or be told to a client as its own fault.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (
    error instanceof ConnectionException ||
    error instanceof DeadlockException ||
    error instanceof LockWaitTimeoutException
  ) {
    return true;
  }
  const candidate = error as { code?: unknown; message?: unknown; cause?: unknown } | null;
  if (!candidate || typeof candidate !== 'object') return false;
  if (typeof candidate.code === 'string') {
    if (TRANSIENT_SQLSTATE.test(candidate.code) || TRANSIENT_NODE_CODES.has(candidate.code))
      return true;
  }
  if (typeof candidate.message === 'string' && TRANSIENT_MESSAGES.test(candidate.message))
    return true;
  return (
    candidate.cause !== undefined &&
    candidate.cause !== error &&
    isTransientDatabaseError(candidate.cause)
  );
}

/**
 * Whether a fresh statement gets through now: tells an outage from an error of the work itself
 * when the error does not say (a transaction whose connection died at BEGIN only reports, through
 * knex, "Transaction query already complete").
 */
export async function databaseAnswers(em: {
  getConnection(): { execute(sql: string): Promise<unknown> };
}): Promise<boolean> {
  try {
    await em.getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}
