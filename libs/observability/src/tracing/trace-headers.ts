import {
  Context,
  ROOT_CONTEXT,
  TextMapGetter,
  TextMapSetter,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';

/** The W3C Trace Context header every hop carries: Kafka records, outbox rows, HTTP requests. */
export const TRACEPARENT = 'traceparent';
export const TRACESTATE = 'tracestate';

/**
 * Longest header value read. A traceparent of version 00 is 55 characters; a tracestate may be
 * 512 (W3C). Anything longer is not read at all, so a caller cannot make us parse megabytes.
 */
const MAX_HEADER_CHARS = 512;

/**
 * Headers as Kafka (strings, Buffers, lists of either) or Node's HTTP server (strings, lists) give
 * them. A header given more than once is ambiguous and ignored, as W3C asks for traceparent.
 */
export type CarrierHeaders = Record<string, unknown>;

const getter: TextMapGetter<CarrierHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get(carrier, key) {
    let value = carrier[key];
    if (Array.isArray(value)) {
      if (value.length !== 1) return undefined;
      value = value[0];
    }
    if (Buffer.isBuffer(value)) value = value.length <= MAX_HEADER_CHARS ? value.toString() : '';
    return typeof value === 'string' && value.length <= MAX_HEADER_CHARS ? value : undefined;
  },
};

const setter: TextMapSetter<Record<string, string>> = {
  set(carrier, key, value) {
    carrier[key] = value;
  },
};

/**
 * The trace context `headers` carry, over `base` (the root by default): a missing, malformed or
 * oversized traceparent leaves `base` as it is, never an error.
 */
export function extractTraceContext(headers: CarrierHeaders | undefined, base = ROOT_CONTEXT) {
  if (!headers) return base;
  return propagation.extract(base, headers, getter);
}

/**
 * Writes the trace context of `from` (the active one by default) into `headers` as traceparent
 * (and tracestate when there is one); writes nothing when no valid span is in it.
 */
export function injectTraceContext<T extends Record<string, string>>(
  headers: T,
  from: Context = context.active(),
): T {
  propagation.inject(from, headers, setter);
  return headers;
}

/** The ids logs carry (`trace_id`, `span_id`) for the span active now; nothing outside a span. */
export function activeTraceIds(): { trace_id: string; span_id: string } | undefined {
  const span = trace.getSpanContext(context.active());
  if (!span || !trace.isSpanContextValid(span)) return undefined;
  return { trace_id: span.traceId, span_id: span.spanId };
}
