import { FieldError } from '../validation';

/** RFC 9457 problem details, as services reply them and the gateway serves them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /**
   * What went wrong, as a stable machine-readable `AREA.REASON` (e.g. `RFI.NOT_FOUND`): set for
   * every domain refusal, for clients to branch on; absent on refusals of the HTTP layer itself.
   */
  code?: string;
  errors?: FieldError[];
}

export const PROBLEM_BASE = 'https://bp-channel.example/problems/';

export const ProblemTypes = {
  validation: 'validation-error',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not-found',
  conflict: 'conflict',
  preconditionFailed: 'precondition-failed',
  payloadTooLarge: 'payload-too-large',
  unsupportedMediaType: 'unsupported-media-type',
  rangeNotSatisfiable: 'range-not-satisfiable',
  requestTimeout: 'request-timeout',
  rateLimited: 'rate-limited',
  internal: 'internal-error',
  serviceUnavailable: 'service-unavailable',
  gatewayTimeout: 'gateway-timeout',
} as const;

export function problem(
  status: number,
  typeSlug: string,
  title: string,
  detail?: string,
  errors?: FieldError[],
  code?: string,
): ProblemDetails {
  return {
    type: PROBLEM_BASE + typeSlug,
    title,
    status,
    ...(detail ? { detail } : {}),
    ...(code ? { code } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}
