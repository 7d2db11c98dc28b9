import { FastifyInstance } from 'fastify';

export interface ServedRoute {
  method: string;
  /** The route pattern as Fastify matches it, e.g. `/api/v1/rfis/:id`. */
  path: string;
}

/**
 * Every route Fastify is told to serve, from Nest's controllers, Swagger or anything else that
 * registers one: the inventory the OpenAPI document must match (OWASP API9). HEAD is left out:
 * Fastify adds a HEAD route to every GET and does not mark which ones it added; they answer like
 * their GET.
 */
export function recordServedRoutes(fastify: FastifyInstance): readonly ServedRoute[] {
  const routes: ServedRoute[] = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, path: route.url });
    }
  });
  return routes;
}
