import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { kafkaEnvironment, ROOT } from './test-env';
import { TEST_DATABASES, runtimeRoleEnv } from './database-roles';
import { GATEWAY_PRINCIPAL } from '@bp/contracts';

const execFileAsync = promisify(execFile);

/** A route the gateway's router serves (documented ones: openapi-operations.ts). */
export interface Route {
  method: string;
  /** OpenAPI style: `/api/v1/rfis/{id}`. */
  path: string;
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
        ...kafkaEnvironment(GATEWAY_PRINCIPAL),
        // As the gateway's runtime role, as every app process of the test profile.
        ...runtimeRoleEnv(TEST_DATABASES.gateway),
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
