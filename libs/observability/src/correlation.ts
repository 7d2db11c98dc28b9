import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line and every message emitted while handling one request or message carries. */
export interface CorrelationScope {
  correlationId: string;
  /** Id of the message being handled, so events it causes can name their cause. */
  causationId?: string;
}

const storage = new AsyncLocalStorage<CorrelationScope>();

export const CORRELATION_HEADER = 'x-correlation-id';

export function runInCorrelationScope<T>(scope: CorrelationScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentCorrelationScope(): CorrelationScope | undefined {
  return storage.getStore();
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Accepts a caller's id only when it is a sane token, so logs cannot be polluted through it. */
export function sanitizeCorrelationId(value: unknown): string {
  if (typeof value === 'string' && /^[A-Za-z0-9._:-]{8,128}$/.test(value)) return value;
  return randomUUID();
}

/**
 * The correlation id of an incoming HTTP request, fixed on first use: the logger and the gateway's
 * handlers read it at different moments and must agree.
 */
export function ensureRequestCorrelationId(raw: {
  id?: unknown;
  headers: Record<string, unknown>;
}): string {
  if (typeof raw.id !== 'string') raw.id = sanitizeCorrelationId(raw.headers[CORRELATION_HEADER]);
  return raw.id as string;
}
