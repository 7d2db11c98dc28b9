import { ClassConstructor } from 'class-transformer';
import type { Role } from '@bp/domain-kernel';
import type { ServiceKey } from '../kafka/services';
import type { ChartRepresentation } from './chart-representation';

/** How the gateway offers a command over HTTP, under /api/v1. */
export interface HttpBinding {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Relative to /api/v1, with `:name` for path parameters, e.g. `rfis/:id/route`. */
  readonly path: string;
  /** Refused at the gateway for other roles; the service decides again, on its own rules. */
  readonly roles?: readonly Role[];
  readonly summary: string;
  readonly description?: string;
  /**
   * The answer as a table too, for `Accept: text/csv` (RFC 4180, a header row): one line per item
   * of `rows(answer)`, the columns in this order. For figures people paste into a report.
   */
  readonly csv?: CsvRepresentation;
  /**
   * The answer as a chart too, for `Accept: image/svg+xml`: the gateway renders this Vega-Lite
   * specification to SVG. For figures people would rather look at than read.
   */
  readonly chart?: ChartRepresentation;
}

export interface CsvRepresentation {
  readonly columns: readonly { readonly header: string; readonly value: (row: never) => unknown }[];
  readonly rows: (answer: never) => readonly unknown[];
}

/**
 * Everything about one request a service answers, said once: the gateway's route, the Kafka
 * message and the service's handler are all derived from it (docs/ADDING.md).
 *
 * `ids` names the aggregate ids that come from the URL path (payload field → path parameter); they
 * reach the handler merged into its input, validated as UUIDs, and `key` (one of them) orders all
 * commands on one aggregate on one Kafka partition. `mutating` commands run in one transaction with
 * their history and events and honour Idempotency-Key; the others only read.
 */
export interface CommandDefinition<
  TPayload extends object = object,
  TResult = unknown,
  TIds extends string = string,
> {
  readonly service: ServiceKey | 'every';
  readonly name: string;
  readonly payload: ClassConstructor<TPayload>;
  readonly ids: Readonly<Record<TIds, string>>;
  readonly key?: TIds;
  readonly mutating: boolean;
  /** The HTTP status of success, given by the transport, not by the use case. */
  readonly status: 200 | 201 | 202;
  /**
   * Answered without a verified actor (system probes only). Every other command without one is
   * refused by the service, whatever the gateway did: no read or change happens for nobody.
   */
  readonly anonymous: boolean;
  readonly http?: HttpBinding;
  /**
   * Fields of the answer that are shown once and kept nowhere (a new secret): the reply kept for
   * an Idempotency-Key or a redelivered message lacks them, so a replay answers without them.
   */
  readonly shownOnce?: readonly string[];
  /** Never set; carries the result type to the caller. */
  readonly __result?: TResult;
}

export interface CommandSpec<TPayload extends object, TIds extends string> {
  service: ServiceKey | 'every';
  name: string;
  payload: ClassConstructor<TPayload>;
  ids?: Record<TIds, string>;
  key?: NoInfer<TIds>;
  mutating: boolean;
  status?: 200 | 201 | 202;
  anonymous?: boolean;
  http?: HttpBinding;
  shownOnce?: readonly string[];
}

export function defineCommand<
  TPayload extends object,
  TIds extends string = never,
  TResult = unknown,
>(spec: CommandSpec<TPayload, TIds>): CommandDefinition<TPayload, TResult, TIds> {
  const ids = spec.ids ?? ({} as Record<TIds, string>);
  const key = spec.key ?? (Object.keys(ids)[0] as TIds | undefined);
  return {
    service: spec.service,
    name: spec.name,
    payload: spec.payload,
    ids,
    ...(key ? { key } : {}),
    mutating: spec.mutating,
    status: spec.status ?? 200,
    anonymous: spec.anonymous ?? false,
    ...(spec.http ? { http: spec.http } : {}),
    ...(spec.shownOnce ? { shownOnce: spec.shownOnce } : {}),
  };
}

/** What a handler receives: the validated payload with the path ids merged in. */
export type CommandInput<C> =
  C extends CommandDefinition<infer P, unknown, infer I> ? P & Readonly<Record<I, string>> : never;
export type CommandResult<C> = C extends CommandDefinition<object, infer R, string> ? R : never;
export type CommandPayload<C> = C extends CommandDefinition<infer P, unknown, string> ? P : never;
