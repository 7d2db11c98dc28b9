import { DynamicModule } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';

/** Prometheus text format at GET /metrics, with Node's default process metrics labelled by service. */
export function metricsModule(service: string): DynamicModule {
  return PrometheusModule.register({
    path: '/metrics',
    defaultMetrics: { enabled: true },
    defaultLabels: { service },
  });
}
