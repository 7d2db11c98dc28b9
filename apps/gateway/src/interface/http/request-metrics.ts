import { FastifyInstance } from 'fastify';
import { sharedHistogram } from '@bp/observability';

const durations = sharedHistogram({
  name: 'bp_http_request_duration_seconds',
  help: 'Time from a request arriving at the gateway to its answer, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The labels of one answer. The route is the pattern that matched (`/api/v1/rfis/:id`), never the
 * URL: ids and query strings would make a series per record, and a caller could mint them at will.
 * What matched no route shares one label.
 */
export function requestLabels(
  method: string,
  routePattern: string | undefined,
  status: number,
): { method: string; route: string; status: string } {
  return {
    method: METHODS.has(method) ? method : 'OTHER',
    route: routePattern ?? 'unmatched',
    status: String(status),
  };
}

/** Times every answer Fastify sends: routes, 404s and errors (a stream counts while it is open). */
export function registerRequestMetrics(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', async (request, reply) => {
    durations.observe(
      requestLabels(request.method, request.routeOptions?.url, reply.statusCode),
      reply.elapsedTime / 1_000,
    );
  });
}
