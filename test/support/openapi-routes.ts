import { randomUUID } from 'node:crypto';
import { http } from './http';
import { GATEWAY_PORT } from './test-env';

export interface DocumentedRoute {
  method: string;
  /** As the document writes it, e.g. `/api/v1/rfis/{id}`. */
  template: string;
  /** With every parameter filled in with a value of the right shape. */
  path: string;
}

/** What a path parameter is filled with: a well-formed value, so only authorisation can refuse. */
function sampleFor(name: string): string {
  if (name === 'code') return 'SRB';
  if (name === 'name') return 'rfi-service';
  return randomUUID();
}

/** Every operation of the running gateway's OpenAPI document: the inventory tests iterate it. */
export async function documentedRoutes(): Promise<DocumentedRoute[]> {
  const doc = await http<{ paths: Record<string, Record<string, unknown>> }>(
    `http://127.0.0.1:${GATEWAY_PORT}/api/docs-json`,
  );
  if (doc.status !== 200) throw new Error(`No OpenAPI document: ${doc.status}`);
  return Object.entries(doc.body.paths).flatMap(([template, operations]) =>
    Object.keys(operations)
      .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map((method) => ({
        method: method.toUpperCase(),
        template,
        path: template.replace(/\{(\w+)\}/g, (_, name: string) => sampleFor(name)),
      })),
  );
}

/** Routes that answer without a token, by design (API.md): sign-in and health. */
export const PUBLIC_ROUTES = new Set([
  'POST /api/v1/auth/token',
  'GET /health',
  'GET /health/ready',
  'GET /health/services/{name}',
  'GET /metrics',
]);
