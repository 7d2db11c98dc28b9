import Fastify from 'fastify';
import { Histogram, register } from 'prom-client';
import { registerRequestMetrics, requestLabels } from './request-metrics';

describe('requestLabels', () => {
  it('labels an answer with the route pattern, its method and status', () => {
    expect(requestLabels('GET', '/api/v1/rfis/:id', 404)).toEqual({
      method: 'GET',
      route: '/api/v1/rfis/:id',
      status: '404',
    });
  });

  it('puts everything that matched no route under one label', () => {
    expect(requestLabels('GET', undefined, 404).route).toBe('unmatched');
  });

  it('keeps methods to the ones the API knows', () => {
    expect(requestLabels('PROPFIND', undefined, 404).method).toBe('OTHER');
  });
});

describe('registerRequestMetrics', () => {
  it('times an answer under its route pattern, not the URL that reached it', async () => {
    const app = Fastify();
    registerRequestMetrics(app);
    app.get('/api/v1/rfis/:id', async (_request, reply) => reply.code(404).send({}));
    const id = 'c1b8a1a2-5d2e-4a0e-9a55-3f1de2b5e0aa';
    await app.inject({ method: 'GET', url: `/api/v1/rfis/${id}?view=full` });
    await app.inject({ method: 'GET', url: '/no/such/route/42' });
    await app.close();

    const histogram = register.getSingleMetric('bp_http_request_duration_seconds') as Histogram;
    const counts = (await histogram.get()).values.filter(
      (value) => value.metricName === 'bp_http_request_duration_seconds_count',
    );
    expect(counts.map((value) => [value.labels, value.value])).toEqual([
      [{ method: 'GET', route: '/api/v1/rfis/:id', status: '404' }, 1],
      [{ method: 'GET', route: 'unmatched', status: '404' }, 1],
    ]);
    expect(JSON.stringify(counts)).not.toContain(id);
  });
});
