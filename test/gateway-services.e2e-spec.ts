import {
  DATABASE_URL,
  GATEWAY_METRICS_PORT,
  GATEWAY_PORT,
  apps,
  eventually,
} from './support/test-env';
import { http } from './support/http';
import { EVERY_SERVICE } from './support/apps-for-file';
import { DatabaseProxy } from './support/database-proxy';
import { DEMO_PASSWORD } from './support/api';

jest.setTimeout(240_000);

const gateway = `http://127.0.0.1:${GATEWAY_PORT}`;
const secondGateway = `http://127.0.0.1:${GATEWAY_PORT + 10}`;
const SERVICE_TIMEOUT_MS = 3_000;

interface Readiness {
  status: string;
  details: Record<string, { status: string }>;
  services: Record<string, { status: string }>;
}

describe('gateway and services over Kafka request/reply (real processes, broker and databases)', () => {
  beforeAll(async () => {
    await apps.start(...EVERY_SERVICE);
    await apps.start('gateway', 'gateway@2');
  });

  afterAll(async () => {
    await apps.release('gateway', 'gateway@2', ...EVERY_SERVICE);
  });

  it('is ready when its own database and Kafka answer, and reports every service and its database by name', async () => {
    const ready = await eventually('readiness with every service up', async () => {
      const result = await http<Readiness>(`${gateway}/health/ready`);
      return result.status === 200 &&
        Object.values(result.body.services).every((detail) => detail.status === 'up')
        ? result
        : undefined;
    });
    expect(Object.keys(ready.body.details).sort()).toEqual(['database:bp_gateway_test', 'kafka']);
    expect(Object.values(ready.body.details).every((detail) => detail.status === 'up')).toBe(true);
    expect(Object.keys(ready.body.services).sort()).toEqual([
      'database:bp_deployment_test',
      'database:bp_knowledge_exchange_test',
      'database:bp_notification_test',
      'database:bp_reporting_test',
      'database:bp_rfi_test',
      'deployment-service',
      'knowledge-exchange-service',
      'notification-service',
      'reporting-service',
      'rfi-service',
    ]);
  });

  it('serves two gateway instances side by side, each getting its own replies', async () => {
    const requests = Array.from({ length: 40 }, (_, i) =>
      http<{ service: string }>(
        `${i % 2 ? secondGateway : gateway}/health/services/${i % 3 ? 'rfi-service' : 'deployment-service'}`,
        {
          headers: { 'x-correlation-id': `side-by-side-${i}-0000` },
        },
      ),
    );
    const results = await Promise.all(requests);
    results.forEach((result, i) => {
      expect(result.status).toBe(200);
      expect(result.body.service).toBe(i % 3 ? 'rfi-service' : 'deployment-service');
      expect(result.headers.get('x-correlation-id')).toBe(`side-by-side-${i}-0000`);
    });
  });

  // Issue 13: "the gateway is 'not ready' when any one service is down".
  it('one service down no longer takes the gateway out of readiness: its routes answer 504 problem+json within the timeout, and succeed after it restarts', async () => {
    await apps.stop('rfi-service');

    const timedOut = await http<{ status: number; title: string; type: string }>(
      `${gateway}/health/services/rfi-service`,
    );
    expect(timedOut.status).toBe(504);
    expect(timedOut.headers.get('content-type')).toContain('application/problem+json');
    expect(timedOut.body).toMatchObject({ status: 504, title: 'Gateway timeout' });
    expect(timedOut.elapsedMs).toBeGreaterThanOrEqual(SERVICE_TIMEOUT_MS - 100);
    expect(timedOut.elapsedMs).toBeLessThan(SERVICE_TIMEOUT_MS + 2_000);

    // One stopped service does not take the gateway (and sign-in) out of a load balancer.
    const stillReady = await http<Readiness>(`${gateway}/health/ready`);
    expect(stillReady.status).toBe(200);
    expect(stillReady.body.services['rfi-service']?.status).toBe('down');
    expect(stillReady.body.services['deployment-service']?.status).toBe('up');

    await apps.start('rfi-service');
    const recovered = await eventually(
      'the same request to succeed after the restart',
      async () => {
        const result = await http<{ service: string; database: string }>(
          `${gateway}/health/services/rfi-service`,
        );
        return result.status === 200 ? result : undefined;
      },
      60_000,
      500,
    );
    expect(recovered.body).toMatchObject({ service: 'rfi-service', database: 'up' });
  });

  it('answers unknown routes and unknown services with 404 problem+json', async () => {
    const route = await http<{ status: number }>(`${gateway}/api/v1/no-such-thing`);
    expect(route.status).toBe(404);
    expect(route.headers.get('content-type')).toContain('application/problem+json');
    const service = await http<{ status: number }>(`${gateway}/health/services/no-such-service`);
    expect(service.status).toBe(404);
  });

  it('publishes its OpenAPI document and Prometheus metrics', async () => {
    const docs = await http<{ openapi: string; paths: Record<string, unknown> }>(
      `${gateway}/api/docs-json`,
    );
    expect(docs.status).toBe(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/health/ready', '/health/services/{name}']),
    );
    const page = await http<string>(`${gateway}/api/docs`);
    expect(page.status).toBe(200);
    // Counts by route and status are business figures: scraped on a private port only.
    expect((await http(`${gateway}/metrics`)).status).toBe(404);
    const metrics = await http<string>(`http://127.0.0.1:${GATEWAY_METRICS_PORT}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
    expect(metrics.body).toContain('service="gateway"');
    // Command latency by name: the health commands the side-by-side test sent were timed.
    const serviceMetrics = await http<string>('http://127.0.0.1:3402/metrics');
    expect(serviceMetrics.body).toMatch(
      /^bp_command_duration_seconds_count\{[^}]*command="system\.health"[^}]*\} [1-9]/m,
    );
  });

  // Issue 13: "the gateway's own database is not checked" by readiness.
  describe("the gateway's own database is checked: a gateway whose database is away is not ready", () => {
    const proxy = new DatabaseProxy(Number(new URL(DATABASE_URL).port || 5432));
    // gateway@3 (port + 20) reaches its database through the proxy; the others are left alone.
    const third = `http://127.0.0.1:${GATEWAY_PORT + 20}`;

    beforeAll(async () => {
      const port = await proxy.listen();
      const url = new URL(DATABASE_URL);
      url.port = String(port);
      url.username = 'bp_gateway_test_app';
      url.password = '';
      await apps.startWith({ DATABASE_URL: url.toString() }, 'gateway@3');
    });

    afterAll(async () => {
      await apps.release('gateway@3');
      await proxy.close();
    });

    it('answers 503 with its database down (no driver text), and 200 again once it is back', async () => {
      expect((await http<Readiness>(`${third}/health/ready`)).status).toBe(200);

      proxy.cut();
      const notReady = await eventually('readiness 503 with the database cut', async () => {
        const result = await http<Readiness & { error?: Record<string, unknown> }>(
          `${third}/health/ready`,
        );
        return result.status === 503 ? result : undefined;
      });
      expect(notReady.body.status).toBe('error');
      expect(notReady.body.error).toEqual({
        'database:bp_gateway_test': { status: 'down', message: 'unavailable' },
      });
      expect(notReady.body.details['kafka']?.status).toBe('up');
      expect(notReady.body.services['rfi-service']?.status).toBe('up');
      // Sign-in reads that database: a clear 503, never a 500.
      const signIn = await http<{ status: number }>(`${third}/api/v1/auth/token`, {
        method: 'POST',
        json: { username: 'fp-srb', password: DEMO_PASSWORD },
      });
      expect(signIn.status).toBe(503);
      expect(signIn.headers.get('content-type')).toContain('application/problem+json');

      proxy.restore();
      await eventually('readiness 200 once the database is back', async () => {
        const result = await http<Readiness>(`${third}/health/ready`);
        return result.status === 200 || undefined;
      });
    });
  });
});
