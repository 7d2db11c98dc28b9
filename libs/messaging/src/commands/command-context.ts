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

/**
 * A use case's answer with the version of the resource as the caller sees it; the transport makes
 * that the ETag. A use case returns either this or the bare answer, never an HTTP status: the
 * status of success belongs to the command's definition.
 */
export class Versioned<T = unknown> {
  constructor(
    readonly value: T,
    readonly version: number | string,
  ) {}
}

export function versioned<T>(value: T, version: number | string): Versioned<T> {
  return new Versioned(value, version);
}

export type CommandHandlerFn = (payload: object, context: CommandContext) => Promise<unknown>;
