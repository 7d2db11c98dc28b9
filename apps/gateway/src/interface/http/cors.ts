import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CORRELATION_HEADER } from '@bp/observability';

type CorsOptions = NonNullable<Parameters<NestFastifyApplication['enableCors']>[0]>;

/** What a listed page may send beyond the simple headers, and read beyond the simple ones. */
const REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'content-digest',
  'idempotency-key',
  'if-match',
  'last-event-id',
  'range',
  CORRELATION_HEADER,
];
const ANSWER_HEADERS = [
  'etag',
  'location',
  'content-range',
  'content-disposition',
  'repr-digest',
  'ratelimit',
  'ratelimit-policy',
  'retry-after',
  CORRELATION_HEADER,
];

/**
 * The CORS policy for the listed origins, or none at all when none are listed: then no answer
 * carries Access-Control-Allow-Origin and browsers keep every other origin's scripts from reading
 * it. Tokens travel in Authorization, never in cookies, so credentials are not allowed.
 */
export function corsPolicy(allowedOrigins: readonly string[]): CorsOptions | undefined {
  if (!allowedOrigins.length) return undefined;
  return {
    origin: [...allowedOrigins],
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: REQUEST_HEADERS,
    exposedHeaders: ANSWER_HEADERS,
    credentials: false,
    maxAge: 600,
  };
}
