import { Controller, DynamicModule } from '@nestjs/common';
import { PrometheusController, PrometheusModule } from '@willsoto/nestjs-prometheus';
import { Public } from '@bp/auth';

/** Scrapers carry no user token: the metrics endpoint is public by metadata, like health. */
@Public()
@Controller()
class PublicMetricsController extends PrometheusController {}

/** Prometheus text format at GET /metrics, with Node's default process metrics labelled by service. */
export function metricsModule(service: string): DynamicModule {
  return PrometheusModule.register({
    path: '/metrics',
    controller: PublicMetricsController,
    defaultMetrics: { enabled: true },
    defaultLabels: { service },
  });
}
