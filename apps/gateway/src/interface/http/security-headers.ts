import { FastifyInstance } from 'fastify';

/** Where the Swagger page and its assets are served (see openapi.ts); everything else is API. */
export const DOCS_PATH = '/api/docs';

// An API answer is JSON to be read by code, never a page to render, frame or run: nothing may load.
const API_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

// The Swagger page loads its own scripts and styles from /api/docs/, sets inline styles (its HTML
// has <style> blocks and React sets style attributes), shows data: icons and fetches the document
// and "Try it out" calls from this origin. It runs no inline script and no eval.
const DOCS_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const ALWAYS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-permitted-cross-domain-policies': 'none',
};

/**
 * The security headers of one answer, chosen by the route that matched (its pattern, not the URL
 * text, so no spelling of a path earns the docs' looser policy). Answers are never stored by
 * caches: they are need-to-know data for one caller. Only the docs' static assets may be cached.
 */
export function securityHeadersFor(routePattern: string | undefined): Record<string, string> {
  const docsPage = routePattern === DOCS_PATH || routePattern?.startsWith(`${DOCS_PATH}/`);
  const docsAsset = docsPage && /\.(js|css|png)$|\*$/.test(routePattern ?? '');
  return {
    ...ALWAYS,
    'content-security-policy': docsPage ? DOCS_POLICY : API_POLICY,
    ...(docsAsset ? {} : { 'cache-control': 'no-store' }),
  };
}

/** Sets them on every answer Fastify sends: routes, 404s, errors and the docs. */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply) => {
    void reply.headers(securityHeadersFor(request.routeOptions?.url));
  });
}
