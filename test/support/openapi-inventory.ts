import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { http } from './http';
import { DATABASE_URL, GATEWAY_PORT, KAFKA_BROKERS, ROOT } from './test-env';

const execFileAsync = promisify(execFile);

export interface Route {
  method: string;
  /** OpenAPI style: `/api/v1/rfis/{id}`. */
  path: string;
}

export interface DocumentedOperation extends Route {
  parameters: { name: string; in: string; required?: boolean }[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: DocumentedOperation['parameters'] }>>;
}

/** Every operation of the OpenAPI document the running gateway publishes. */
export async function documentedOperations(
  base = `http://127.0.0.1:${GATEWAY_PORT}`,
): Promise<DocumentedOperation[]> {
  const document = await http<OpenApiDocument>(`${base}/api/docs-json`);
  if (document.status !== 200) throw new Error(`No OpenAPI document: ${document.status}`);
  return Object.entries(document.body.paths).flatMap(([route, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path: route,
      parameters: operation.parameters ?? [],
    })),
  );
}

/**
 * Every route the gateway's router serves, read from the app itself: the compiled gateway builds
 * its app as main.ts does and lists what Fastify registered (dist/apps/gateway/src/list-routes.js),
 * without listening on a port. Paths come back in OpenAPI style.
 */
export async function servedRoutes(): Promise<Route[]> {
  const { stdout } = await execFileAsync(
    process.execPath,
    [path.join(ROOT, 'dist/apps/gateway/src/list-routes.js')],
    {
      cwd: ROOT,
      timeout: 60_000,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        KAFKA_BROKERS: KAFKA_BROKERS.join(','),
        DATABASE_URL,
        DATABASE_NAME: 'bp_gateway_test',
        JWT_KEY_DIR: path.join(ROOT, '.run/test/keys'),
        GATEWAY_INSTANCE_ID: 'test-route-inventory',
      },
    },
  );
  return (JSON.parse(stdout) as Route[]).map((route) => ({
    method: route.method,
    path: route.path.replace(/:(\w+)/g, '{$1}'),
  }));
}

export const describeRoute = (route: Route) => `${route.method} ${route.path}`;
