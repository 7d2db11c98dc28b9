import { errorStatus } from './safe-status';
import { Attributes, Context, Link, Span, SpanKind, context, trace } from '@opentelemetry/api';

/** The tracer of every span this project makes by hand (the others come from instrumentations). */
export function tracer() {
  return trace.getTracer('bp');
}

export interface SpanSpec {
  name: string;
  kind: SpanKind;
  /** Set only when the span is recorded: building them costs nothing otherwise. */
  attributes?: () => Attributes;
  links?: Link[];
  /** The parent's context (e.g. extracted from a message's headers); the active one by default. */
  parent?: Context;
}

/**
 * Runs `work` inside a new span (its context active, so logs, queries and messages sent in it
 * belong to it) and ends the span when the work settles, marked as an error if it throws.
 */
export async function inSpan<T>(spec: SpanSpec, work: (span: Span) => Promise<T>): Promise<T> {
  const span = startSpan(spec);
  try {
    return await context.with(
      trace.setSpan(spec.parent ?? context.active(), span),
      work,
      undefined,
      span,
    );
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

export function startSpan({ name, kind, attributes, links, parent }: SpanSpec): Span {
  const span = tracer().startSpan(name, { kind, links }, parent ?? context.active());
  if (attributes && span.isRecording()) span.setAttributes(attributes());
  return span;
}

/** Marks a span failed with the error's type and SQLSTATE, never its message (safe-status.ts). */
export function failSpan(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  span.setStatus(errorStatus(error));
}
