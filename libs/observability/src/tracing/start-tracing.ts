import { TextMapPropagator, context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  SpanExporter,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { ATTR_DB_QUERY_TEXT, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { PropagatingTracerProvider } from './propagating-tracer';
import { SafeStatusExporter } from './safe-status';
import { sqlWithoutLiterals } from './sql-text';
import { TracingSettings, readTracingSettings } from './tracing-settings';

let exporting: TracerProvider | undefined;

/**
 * Sets up this process's tracing from the OTEL_* variables; the first statement of each app's
 * main.ts, before anything requires `pg` (its instrumentation patches the module as it loads).
 *
 * - An OTLP endpoint set: spans are recorded, batched and exported, and PostgreSQL queries made
 *   inside a span get spans of their own.
 * - No endpoint: nothing is recorded or exported, but trace contexts are made and passed on
 *   (PropagatingTracerProvider), so logs carry trace ids and a downstream app that exports still
 *   continues the trace.
 * - OTEL_SDK_DISABLED=true: nothing at all (no context is even kept across async calls).
 */
export function startTracing(
  app: string,
  settings: TracingSettings = readTracingSettings(),
  /** Tests only: spans go here, one by one, instead of to the OTLP endpoint in batches. */
  exporter?: SpanExporter,
): 'exporting' | 'propagating' | 'disabled' {
  if (settings.disabled) return 'disabled';
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(propagatorOf(settings));
  if (!settings.exporting && !exporter) {
    trace.setGlobalTracerProvider(new PropagatingTracerProvider(settings.sampler));
    return 'propagating';
  }
  const Exporter = settings.protocol === 'http/json' ? OtlpJsonExporter : OtlpProtobufExporter;
  exporting = new TracerProvider({
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES over the app's own name.
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: app }).merge(
      detectResources({ detectors: [envDetector] }),
    ),
    sampler: settings.sampler,
    spanProcessors: [
      exporter
        ? new SimpleSpanProcessor({ exporter: new SafeStatusExporter(exporter) })
        : new BatchSpanProcessor({
            exporter: new SafeStatusExporter(new Exporter()),
            ...settings.batch,
          }),
    ],
  });
  trace.setGlobalTracerProvider(exporting);
  registerInstrumentations({
    tracerProvider: exporting,
    instrumentations: [
      // Only queries made while handling something: the relay's polling and the gauges'
      // periodic counts would otherwise each start a trace of their own.
      new PgInstrumentation({
        requireParentSpan: true,
        ignoreConnectSpans: true,
        requestHook: (span, { query }) =>
          span.setAttribute(ATTR_DB_QUERY_TEXT, sqlWithoutLiterals(query.text)),
      }),
    ],
  });
  return 'exporting';
}

/** Whether spans are recorded and exported here (an OTLP endpoint is set). */
export function isExportingTraces(): boolean {
  return exporting !== undefined;
}

/** Exports what is still buffered; the app's shutdown waits for it (TracingFlush). */
export async function flushTracing(): Promise<void> {
  await exporting?.shutdown().catch(() => undefined);
}

function propagatorOf(settings: TracingSettings): TextMapPropagator {
  const all = settings.propagators.map((name) =>
    name === 'baggage' ? new W3CBaggagePropagator() : new W3CTraceContextPropagator(),
  );
  return all.length === 1 ? all[0]! : new CompositePropagator({ propagators: all });
}
