import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessorOptions,
  ParentBasedSampler,
  Sampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace';

export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** What the standard OTEL_* variables ask of this process's tracing. */
export interface TracingSettings {
  /** OTEL_SDK_DISABLED=true: no tracer, no context, no propagation at all. */
  disabled: boolean;
  /** Spans are exported (an OTLP endpoint is set and OTEL_TRACES_EXPORTER is not `none`). */
  exporting: boolean;
  protocol: OtlpProtocol;
  sampler: Sampler;
  propagators: ('tracecontext' | 'baggage')[];
  batch: Omit<BatchSpanProcessorOptions, 'exporter'>;
}

type Environment = Record<string, string | undefined>;

const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/**
 * Reads the OpenTelemetry variables this project supports (docs/OBSERVABILITY.md), by the
 * specification's names and defaults. A value it cannot honour stops the process at boot, every
 * bad variable named, like the apps' other settings; the exporter reads its own variables
 * (OTEL_EXPORTER_OTLP_HEADERS, _TIMEOUT, _COMPRESSION...).
 */
export function readTracingSettings(env: Environment = process.env): TracingSettings {
  const errors: string[] = [];
  const bad = (name: string, why: string) => errors.push(`  ${name}: ${why}`);

  const disabled = lower(env.OTEL_SDK_DISABLED) === 'true';
  const exporterName = lower(env.OTEL_TRACES_EXPORTER) ?? 'otlp';
  if (!['otlp', 'none'].includes(exporterName)) bad('OTEL_TRACES_EXPORTER', 'otlp or none');
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (endpoint && !/^https?:\/\/[^\s]+$/.test(endpoint))
    bad('OTEL_EXPORTER_OTLP_ENDPOINT', 'an http:// or https:// URL');

  const protocolVariable = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL
    ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = lower(env[protocolVariable]) ?? 'http/protobuf';
  if (protocol !== 'http/protobuf' && protocol !== 'http/json')
    bad(protocolVariable, 'http/protobuf or http/json (grpc is not supported)');

  const samplerName = lower(env.OTEL_TRACES_SAMPLER) ?? 'parentbased_always_on';
  if (!(SAMPLERS as readonly string[]).includes(samplerName))
    bad('OTEL_TRACES_SAMPLER', SAMPLERS.join(', '));
  let ratio = 1;
  if (samplerName.endsWith('traceidratio') && env.OTEL_TRACES_SAMPLER_ARG !== undefined) {
    ratio = Number(env.OTEL_TRACES_SAMPLER_ARG);
    if (!(ratio >= 0 && ratio <= 1)) bad('OTEL_TRACES_SAMPLER_ARG', 'a ratio from 0 to 1');
  }

  const propagators = (lower(env.OTEL_PROPAGATORS) ?? 'tracecontext')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name && name !== 'none');
  if (propagators.some((name) => name !== 'tracecontext' && name !== 'baggage'))
    bad('OTEL_PROPAGATORS', 'tracecontext, baggage or none');

  const whole = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) bad(name, `a whole number, at least ${min}`);
    return value;
  };
  const batch = {
    scheduledDelayMillis: whole('OTEL_BSP_SCHEDULE_DELAY', 5_000, 0),
    exportTimeoutMillis: whole('OTEL_BSP_EXPORT_TIMEOUT', 30_000, 1),
    maxQueueSize: whole('OTEL_BSP_MAX_QUEUE_SIZE', 2_048, 1),
    maxExportBatchSize: whole('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 512, 1),
  };
  if (batch.maxExportBatchSize > batch.maxQueueSize)
    bad('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 'at most OTEL_BSP_MAX_QUEUE_SIZE');

  if (errors.length) throw new Error(`Invalid environment:\n${errors.join('\n')}`);
  return {
    disabled,
    exporting: !disabled && exporterName === 'otlp' && Boolean(endpoint),
    protocol: protocol as OtlpProtocol,
    sampler: samplerFor(samplerName as (typeof SAMPLERS)[number], ratio),
    propagators: propagators as TracingSettings['propagators'],
    batch,
  };
}

function samplerFor(name: (typeof SAMPLERS)[number], ratio: number): Sampler {
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

function lower(value: string | undefined): string | undefined {
  return value ? value.trim().toLowerCase() : undefined;
}
