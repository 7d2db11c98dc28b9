import { Server, createServer } from 'node:http';
import { collectDefaultMetrics, register } from 'prom-client';

export interface ScrapeAddress {
  service: string;
  port: number;
  host: string;
}

/**
 * Prometheus text at GET /metrics on an address of its own, for a process whose main port is
 * public (the gateway). Counts by route and status are business figures (how many requests were
 * filed, how many offers made), which no caller of the API may read, so they are never served
 * there; bind this to a private interface.
 */
export async function listenForScrapes({ service, port, host }: ScrapeAddress): Promise<Server> {
  register.setDefaultLabels({ service });
  if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics();
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    register.metrics().then(
      (text) => response.writeHead(200, { 'content-type': register.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
