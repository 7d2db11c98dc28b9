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
      // Credentials never reach a log; neither do query strings, which carry search terms (`q`).
      // Bodies are not logged at all (pino-http does not read them).
      redact: {
        // The gateway's assertion on a transfer to a service is a bearer credential too.
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-bp-assertion"]',
          // What a file is called says what it is about: never in the logs.
          'req.headers["x-bp-transfer"]',
          'res.headers["x-bp-filename"]',
          'res.headers["content-disposition"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
      serializers: { req: withoutQueryString },
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
    },
  };
}

/** The request as logged: its path, never its query string. */
export function withoutQueryString<T extends { url?: unknown; query?: unknown }>(req: T): T {
  const url = typeof req.url === 'string' ? req.url.split('?')[0] : req.url;
  return { ...req, url, query: undefined };
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
