import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace';
import { readTracingSettings } from './tracing-settings';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const decide = (env: Record<string, string>) =>
  readTracingSettings(env).sampler.shouldSample(
    ROOT_CONTEXT,
    TRACE_ID,
    'x',
    SpanKind.SERVER,
    {},
    [],
  ).decision;

describe('readTracingSettings', () => {
  it('exports nothing without an endpoint, and samples every root by default', () => {
    const settings = readTracingSettings({});
    expect(settings).toMatchObject({
      disabled: false,
      exporting: false,
      protocol: 'http/protobuf',
      propagators: ['tracecontext'],
      batch: { scheduledDelayMillis: 5_000, maxQueueSize: 2_048, maxExportBatchSize: 512 },
    });
    expect(decide({})).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('exports where an endpoint is set, unless the exporter is none or the SDK disabled', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(readTracingSettings(endpoint).exporting).toBe(true);
    expect(
      readTracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })
        .exporting,
    ).toBe(true);
    expect(readTracingSettings({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).exporting).toBe(
      false,
    );
    expect(readTracingSettings({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toMatchObject({
      disabled: true,
      exporting: false,
    });
  });

  it('takes the standard sampler, protocol and batch variables', () => {
    expect(decide({ OTEL_TRACES_SAMPLER: 'always_off' })).toBe(SamplingDecision.NOT_RECORD);
    expect(
      decide({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' }),
    ).toBe(SamplingDecision.NOT_RECORD);
    expect(
      readTracingSettings({
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '200',
        OTEL_PROPAGATORS: 'tracecontext,baggage',
      }),
    ).toMatchObject({
      protocol: 'http/json',
      batch: { scheduledDelayMillis: 200 },
      propagators: ['tracecontext', 'baggage'],
    });
  });

  it('stops the process at boot on a value it cannot honour, naming every variable', () => {
    expect(() =>
      readTracingSettings({
        OTEL_TRACES_SAMPLER: 'jaeger_remote',
        OTEL_TRACES_SAMPLER_ARG: '2',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_BSP_SCHEDULE_DELAY: 'soon',
        OTEL_PROPAGATORS: 'b3',
      }),
    ).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL:[\s\S]*OTEL_TRACES_SAMPLER:[\s\S]*OTEL_PROPAGATORS:[\s\S]*OTEL_BSP_SCHEDULE_DELAY:/,
    );
    expect(() =>
      readTracingSettings({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '2' }),
    ).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
  });
});
