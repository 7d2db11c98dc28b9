import fs from 'node:fs';
import path from 'node:path';
import { GATEWAY_PORT, ROOT, apps } from '../support/test-env';
import { http } from '../support/http';
import { Route, describeRoute, servedRoutes } from '../support/openapi-inventory';
import {
  DocumentedOperation,
  describeOperation,
  documentedOperations,
} from '../support/openapi-operations';
import { EVERY_SERVICE } from '../support/apps-for-file';
import { asyncApiDocument } from '@bp/contracts';

jest.setTimeout(180_000);

const gateway = `http://127.0.0.1:${GATEWAY_PORT}`;

// The only routes the document does not describe: the documents themselves (OpenAPI, and AsyncAPI
// for the event topics) and the page showing them.
const DOCUMENTATION = /^\/api\/(?:docs(?:$|\/|-json$|-yaml$)|asyncapi\.json$)/;

describe('API9: improper inventory management', () => {
  let served: Route[];
  let documented: DocumentedOperation[];

  beforeAll(async () => {
    await apps.start(...EVERY_SERVICE);
    await apps.start('gateway');
    [served, documented] = await Promise.all([servedRoutes(), documentedOperations()]);
  });

  afterAll(async () => {
    await apps.release('gateway', ...EVERY_SERVICE);
  });

  it('reads the served routes from the real app, API, operations and docs alike', () => {
    const names = served.map(describeRoute);
    // A broken inventory (an empty list, a missed registration) must not pass as "all documented".
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/token',
        'GET /api/v1/rfis/{id}',
        'POST /api/v1/rfis/{id}/assignments/{aid}/acknowledge',
        'GET /health/ready',
        'GET /api/docs',
        'GET /api/docs-json',
        'GET /api/asyncapi.json',
      ]),
    );
    expect(served.length).toBeGreaterThan(40);
  });

  it('documents every route the router serves, apart from the documentation itself', () => {
    const documentedNames = new Set(documented.map(describeOperation));
    const undocumented = served
      .filter((route) => !DOCUMENTATION.test(route.path))
      .map(describeRoute)
      .filter((name) => !documentedNames.has(name));
    expect(undocumented).toEqual([]);
  });

  it('serves every operation the document describes', () => {
    const servedNames = new Set(served.map(describeRoute));
    const phantom = documented.map(describeOperation).filter((name) => !servedNames.has(name));
    expect(phantom).toEqual([]);
  });

  it('documents no route of the documentation as an API operation', () => {
    expect(documented.filter((operation) => DOCUMENTATION.test(operation.template))).toEqual([]);
  });

  it('routes every documented operation in the running gateway (no router 404 for any)', async () => {
    // Without a token: each operation answers for itself (401, 400, 200, its own 404), never the
    // router's "Cannot <METHOD> <path>" that an unrouted path gets.
    const unrouted: string[] = [];
    for (const operation of documented) {
      const result = await http<{ detail?: string }>(`${gateway}${operation.path}`, {
        method: operation.method,
      });
      if (result.status === 404 && /^Cannot /.test(String(result.body?.detail)))
        unrouted.push(describeOperation(operation));
    }
    expect(unrouted).toEqual([]);
  });

  it('serves the contract kept in the repository (docs/openapi.json), unchanged', async () => {
    const live = await http<unknown>(`${gateway}/api/docs-json`);
    const kept: unknown = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'docs', 'openapi.json'), 'utf8'),
    );
    // On a deliberate API change: npm start, then npm run openapi:export, and commit the file.
    expect(live.body).toEqual(kept);
  });

  it('serves the event topics as AsyncAPI 3.0, made from the event catalogue, to anyone, never stored', async () => {
    const live = await http<{
      asyncapi: string;
      servers: { broker: { host: string } };
      channels: Record<string, { address: string }>;
    }>(`${gateway}/api/asyncapi.json`);
    expect(live.status).toBe(200);
    expect(live.headers.get('cache-control')).toBe('no-store');
    expect(live.body).toEqual(
      asyncApiDocument({ version: '1.0.0', broker: live.body.servers.broker.host }),
    );
    expect(Object.values(live.body.channels).map((channel) => channel.address)).toContain(
      'bp.rfi.events',
    );
  });
});
