import { ClassConstructor } from 'class-transformer';

/**
 * A request the gateway sends to a service over Kafka request/reply. `mutating` commands run in
 * one transaction with their events and honour Idempotency-Key; queries do neither.
 */
export interface CommandDefinition<TPayload extends object = object, TResult = unknown> {
  readonly name: string;
  readonly payload: ClassConstructor<TPayload>;
  readonly mutating: boolean;
  /**
   * Answered without a verified actor (system probes only). Every other command without one is
   * refused by the service, whatever the gateway did: no read or change happens for nobody.
   */
  readonly anonymous: boolean;
  /** Never set; carries the result type to the caller. */
  readonly __result?: TResult;
}

export function defineCommand<TPayload extends object, TResult = unknown>(
  name: string,
  payload: ClassConstructor<TPayload>,
  options: { mutating: boolean; anonymous?: boolean },
): CommandDefinition<TPayload, TResult> {
  return { name, payload, mutating: options.mutating, anonymous: options.anonymous ?? false };
}

export type CommandResult<C> = C extends CommandDefinition<object, infer R> ? R : never;
export type CommandPayload<C> = C extends CommandDefinition<infer P, unknown> ? P : never;
