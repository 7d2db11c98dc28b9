import { LoggerModule, Params } from 'nestjs-pino';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { IncomingMessage } from 'node:http';
import { currentCorrelationId, ensureRequestCorrelationId } from './correlation';
import { activeTraceIds } from './tracing/trace-headers';
import { TracingFlush } from './tracing/tracing-flush';

/** The pino levels LOG_LEVEL may name. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * JSON logs with the service name and the correlation id of whatever is being handled,
 * whether an HTTP request (gateway) or a Kafka message (services), and the `trace_id` and
 * `span_id` of the span it is handled in (docs/OBSERVABILITY.md).
 */
export function loggerOptions(service: string, level: LogLevel = 'info'): Params {
  return {
    // path-to-regexp 8 (Nest 11) names the wildcard; the legacy '*' logs a warning per route.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level,
      base: { service },
      mixin: () => {
        const correlationId = currentCorrelationId();
        const ids = activeTraceIds();
        if (!correlationId) return ids ?? {};
        return ids ? { correlationId, ...ids } : { correlationId };
      },
      genReqId: (req: IncomingMessage) =>
        ensureRequestCorrelationId(req as IncomingMessage & { id?: unknown }),
      customProps: (req: IncomingMessage) => ({ correlationId: (req as { id?: unknown }).id }),
      // Probes, and the reads a service takes from the gateway (contracts direct-reads.ts): the
      // gateway logs each of those requests, with the same correlation id, and the service logs
      // what goes wrong in them.
      autoLogging: {
        ignore: (req: IncomingMessage) =>
          /^\/(health|metrics|internal\/reads$)/.test(
            (req as { originalUrl?: string }).originalUrl ?? req.url ?? '',
          ),
      },
      // Credentials never reach a log, nor what a file is called (x-bp-transfer, x-bp-filename,
      // content-disposition): a line keeps the headers named below and no other. Nor do query
      // strings, which carry search terms (`q`). Bodies are not logged at all (pino-http does not
      // read them). An allow-list, not redaction: a header added later stays out until named.
      serializers: { req: loggedRequest, res: loggedResponse },
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
    },
  };
}

/** The request headers a log line keeps: what explains a request, never a credential. */
const LOGGED_REQUEST_HEADERS = [
  'host',
  'user-agent',
  'content-type',
  'content-length',
  'x-correlation-id',
];

/** The response headers a log line keeps. */
const LOGGED_RESPONSE_HEADERS = ['content-type', 'content-length', 'location', 'retry-after'];

type Headers = Record<string, unknown> | undefined;

/** The request as logged (pino's serialized request): its path, never its query string. */
export function loggedRequest(req: {
  id?: unknown;
  method?: unknown;
  url?: unknown;
  remoteAddress?: unknown;
  remotePort?: unknown;
  headers?: Headers;
}) {
  return {
    id: req.id,
    method: req.method,
    url: typeof req.url === 'string' ? req.url.split('?')[0] : req.url,
    remoteAddress: req.remoteAddress,
    remotePort: req.remotePort,
    headers: only(req.headers, LOGGED_REQUEST_HEADERS),
  };
}

/** The response as logged (pino's serialized response). */
export function loggedResponse(res: { statusCode?: unknown; headers?: Headers }) {
  return { statusCode: res.statusCode, headers: only(res.headers, LOGGED_RESPONSE_HEADERS) };
}

function only(headers: Headers, names: readonly string[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  if (!headers) return kept;
  for (const name of names) if (headers[name] !== undefined) kept[name] = headers[name];
  return kept;
}

@Module({})
class TelemetryModule {}

/** The app's logger, and the flush of its last spans when it stops. */
export function loggerModule(service: string, level: LogLevel): DynamicModule {
  return {
    module: TelemetryModule,
    imports: [LoggerModule.forRoot(loggerOptions(service, level))],
    providers: [TracingFlush],
    exports: [LoggerModule],
  };
}
