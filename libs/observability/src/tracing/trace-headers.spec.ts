import { ROOT_CONTEXT, SpanKind, context, trace } from '@opentelemetry/api';
import { startTracing } from './start-tracing';
import { readTracingSettings } from './tracing-settings';
import { activeTraceIds, extractTraceContext, injectTraceContext } from './trace-headers';
import { tracer } from './spans';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const VALID = `00-${TRACE_ID}-${SPAN_ID}-01`;

/** The span context a carrier gives, or undefined when it gives none. */
function extracted(headers: Record<string, unknown>) {
  const span = trace.getSpanContext(extractTraceContext(headers));
  return span && trace.isSpanContextValid(span) ? span : undefined;
}

describe('trace context in message and request headers', () => {
  // No endpoint: the propagating tracer, as an app runs without OTEL_EXPORTER_OTLP_ENDPOINT.
  beforeAll(() => expect(startTracing('probe', readTracingSettings({}))).toBe('propagating'));

  it('reads a traceparent as Kafka (a Buffer) and HTTP (a string) carry it', () => {
    for (const headers of [{ traceparent: Buffer.from(VALID) }, { traceparent: VALID }])
      expect(extracted(headers)).toMatchObject({
        traceId: TRACE_ID,
        spanId: SPAN_ID,
        traceFlags: 1,
        isRemote: true,
      });
  });

  it('writes what it read back unchanged: an outbox row, a reply and a record carry it on', () => {
    const from = extractTraceContext({ traceparent: VALID, tracestate: 'bp=1' });
    expect(injectTraceContext({ other: 'kept' }, from)).toEqual({
      other: 'kept',
      traceparent: VALID,
      tracestate: 'bp=1',
    });
  });

  it.each([
    ['missing', {}],
    ['empty', { traceparent: '' }],
    ['garbage', { traceparent: 'not a trace context' }],
    ['an unknown version ff', { traceparent: `ff-${TRACE_ID}-${SPAN_ID}-01` }],
    ['an all-zero trace id', { traceparent: `00-${'0'.repeat(32)}-${SPAN_ID}-01` }],
    ['an all-zero span id', { traceparent: `00-${TRACE_ID}-${'0'.repeat(16)}-01` }],
    ['upper-case hex', { traceparent: VALID.toUpperCase() }],
    ['given twice', { traceparent: [VALID, VALID] }],
    ['oversized', { traceparent: `${VALID}-${'a'.repeat(10_000)}` }],
    ['an oversized Buffer', { traceparent: Buffer.alloc(100_000, 'a') }],
    ['not text', { traceparent: 42 }],
  ])('ignores a traceparent that is %s, without an error', (_what, headers) => {
    expect(() => extractTraceContext(headers)).not.toThrow();
    expect(extracted(headers)).toBeUndefined();
    expect(extractTraceContext(headers)).toBe(ROOT_CONTEXT);
  });

  it('writes nothing, and logs carry no ids, outside a span', () => {
    expect(injectTraceContext({})).toEqual({});
    expect(activeTraceIds()).toBeUndefined();
  });

  it('starts a trace where there is no parent, and passes a parent on unchanged without recording', () => {
    const root = tracer().startSpan('root', { kind: SpanKind.SERVER }, ROOT_CONTEXT);
    expect(root.isRecording()).toBe(false);
    expect(trace.isSpanContextValid(root.spanContext())).toBe(true);
    expect(root.spanContext().traceFlags).toBe(1);

    const parent = extractTraceContext({ traceparent: VALID });
    const child = tracer().startSpan('child', {}, parent);
    expect(child.spanContext()).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID });

    context.with(trace.setSpan(ROOT_CONTEXT, root), () => {
      expect(activeTraceIds()).toEqual({
        trace_id: root.spanContext().traceId,
        span_id: root.spanContext().spanId,
      });
      expect(injectTraceContext<Record<string, string>>({}).traceparent).toBe(
        `00-${root.spanContext().traceId}-${root.spanContext().spanId}-01`,
      );
    });
  });
});
