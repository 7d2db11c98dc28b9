import 'reflect-metadata';
import { createGatewayApp, servedRoutes } from './bootstrap';
import { loadGatewaySettings } from './config/gateway-settings';

/**
 * `node dist/apps/gateway/src/list-routes.js`: every method and path the gateway's router serves,
 * as one JSON array on stdout, from the app itself as main.ts builds it (it connects to the
 * gateway's database and the broker like the gateway, but listens on no port). The OpenAPI
 * inventory test compares it with the published document; run with LOG_LEVEL=silent to keep
 * stdout to the list.
 */
async function listRoutes(): Promise<void> {
  const app = await createGatewayApp(loadGatewaySettings());
  try {
    await app.init();
    // Plugins (Swagger's static assets) register their routes when Fastify gets ready.
    await app.getHttpAdapter().getInstance().ready();
    const routes = [...servedRoutes(app)].sort(
      (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
    );
    process.stdout.write(`${JSON.stringify(routes)}\n`);
  } finally {
    await app.close();
  }
}

listRoutes().catch((error: unknown) => {
  process.stderr.write(`list-routes failed: ${String(error)}\n`);
  process.exitCode = 1;
});
