import { EntityManager } from '@mikro-orm/postgresql';
import { Actor } from '@bp/contracts';

/**
 * What a command handler gets besides its payload. For a mutating command `em` is inside the
 * transaction that also records the idempotency reply: stage events with it, and all commit together.
 */
export interface CommandContext {
  actor: Actor | null;
  correlationId: string;
  idempotencyKey?: string;
  ifMatch?: string;
  em: EntityManager;
}

/** A handler's answer: HTTP-like status, body and the resource version for ETag. */
export interface CommandResponse<TBody = unknown> {
  status: number;
  body: TBody;
  etag?: string;
}

export const respond = {
  ok: <T>(body: T, etag?: string): CommandResponse<T> => ({ status: 200, body, etag }),
  created: <T>(body: T, etag?: string): CommandResponse<T> => ({ status: 201, body, etag }),
  accepted: <T>(body: T, etag?: string): CommandResponse<T> => ({ status: 202, body, etag }),
};

export type CommandHandlerFn = (
  payload: object,
  context: CommandContext,
) => Promise<CommandResponse>;
