import { SpanStatus, SpanStatusCode } from '@opentelemetry/api';
import { ExportResult } from '@opentelemetry/core';
import { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

// What went wrong, as far as a span says it: an error's type and, for PostgreSQL, its SQLSTATE.
// Never an error's message: knex puts the whole SQL statement in it, MikroORM inlines values into
// that SQL, and PostgreSQL's own messages quote values ("invalid input syntax ...: \"...\""), so a
// message can carry a question's words or a person's name to the tracing backend.
const SAFE_STATUS = /^[A-Za-z][A-Za-z0-9]{0,99}( \([0-9A-Z]{5}\))?$/;

/** The status a span records for an error: its type, and its SQLSTATE when it has one. */
export function errorStatus(error: unknown): SpanStatus {
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? ` (${code})` : '';
  const message = `${name}${sqlState}`;
  return { code: SpanStatusCode.ERROR, message: SAFE_STATUS.test(message) ? message : 'Error' };
}

/** A span as exported: any status message that is not an error type and code is dropped. */
export function withSafeStatus(span: ReadableSpan): ReadableSpan {
  const { message } = span.status;
  if (message === undefined || SAFE_STATUS.test(message)) return span;
  return Object.create(span, { status: { value: { code: span.status.code } } }) as ReadableSpan;
}

/**
 * Wraps the OTLP exporter so that no span leaves with a message someone else's code set (the pg
 * instrumentation sets PostgreSQL's message as the status).
 */
export class SafeStatusExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans.map(withSafeStatus), done);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
