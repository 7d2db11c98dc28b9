import {
  Context,
  Span,
  SpanOptions,
  TraceFlags,
  Tracer,
  TracerProvider,
  context,
  trace,
} from '@opentelemetry/api';
import { RandomIdGenerator, Sampler, SamplingDecision } from '@opentelemetry/sdk-trace';

/**
 * The tracer of a process that exports nothing (no OTLP endpoint): no span is recorded, timed or
 * kept, yet trace ids flow. A span under a parent is the parent itself, passed on unchanged, so a
 * downstream process that does export hangs its spans under the last one that was exported; a
 * span without a parent starts a trace (fresh ids, the sampled flag as the configured sampler
 * decides), so logs and downstream exporters still share one trace id per request.
 */
export class PropagatingTracerProvider implements TracerProvider {
  private readonly tracer: Tracer;

  constructor(sampler: Sampler) {
    this.tracer = new PropagatingTracer(sampler);
  }

  getTracer(): Tracer {
    return this.tracer;
  }
}

class PropagatingTracer implements Tracer {
  private readonly ids = new RandomIdGenerator();

  constructor(private readonly sampler: Sampler) {}

  startSpan(name: string, options: SpanOptions = {}, from: Context = context.active()): Span {
    const parent = options.root ? undefined : trace.getSpanContext(from);
    if (parent && trace.isSpanContextValid(parent)) return trace.wrapSpanContext(parent);
    const traceId = this.ids.generateTraceId();
    const { decision } = this.sampler.shouldSample(
      trace.deleteSpan(from),
      traceId,
      name,
      options.kind ?? 0,
      options.attributes ?? {},
      options.links ?? [],
    );
    return trace.wrapSpanContext({
      traceId,
      spanId: this.ids.generateSpanId(),
      traceFlags:
        decision === SamplingDecision.RECORD_AND_SAMPLED ? TraceFlags.SAMPLED : TraceFlags.NONE,
    });
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    options: SpanOptions,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    options: SpanOptions,
    from: Context,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    ...rest: [F] | [SpanOptions, F] | [SpanOptions, Context, F]
  ): ReturnType<F> {
    const fn = rest[rest.length - 1] as F;
    const options = rest.length > 1 ? (rest[0] as SpanOptions) : {};
    const from = rest.length > 2 ? (rest[1] as Context) : context.active();
    const span = this.startSpan(name, options, from);
    return context.with(trace.setSpan(from, span), () => fn(span)) as ReturnType<F>;
  }
}
