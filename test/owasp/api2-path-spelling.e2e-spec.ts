import { apps, GATEWAY_PORT } from '../support/test-env';
import { socketRequest } from '../support/raw-socket';
import {
  DocumentedOperation,
  PUBLIC_OPERATIONS,
  describeOperation,
  documentedOperations,
} from '../support/openapi-operations';

jest.setTimeout(300_000);

const encodeFirstLetter = (segment: string) =>
  segment.replace(/[a-z]/i, (c) => `%${c.charCodeAt(0).toString(16)}`);
const encodeEveryLetter = (path: string) =>
  path.replace(/[a-z]/gi, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Ways to write one path that a router, a proxy or a naive prefix check may read differently.
 * Authentication must hold for every one of them: it is decided from route metadata, not text.
 */
export function spellings(path: string): string[] {
  const segments = path.split('/').slice(1);
  const [first = '', ...rest] = segments;
  return [
    path,
    `/${encodeFirstLetter(first)}/${rest.join('/')}`,
    `/${segments.map(encodeFirstLetter).join('/')}`,
    encodeEveryLetter(path),
    path.toUpperCase(),
    `/${first.toUpperCase()}/${rest.join('/')}`,
    `/${path}`,
    path.replace(/\//g, '//'),
    `/${first}/./${rest.join('/')}`,
    `/x/../${segments.join('/')}`,
    `/${first}/%2e/${rest.join('/')}`,
    `/${first}/x/%2e%2e/${rest.join('/')}`,
    `/${segments.join('%2F')}`,
    `/${segments.join('%2f')}`,
    `\\${segments.join('\\')}`,
    `http://127.0.0.1:${GATEWAY_PORT}${path}`,
    `http://evil.example${path}`,
    `${path}/`,
    `${path}?`,
    `${path}?x=1`,
    `${path}#frag`,
    `${path};`,
    `${path};x=1`,
    `${path}%20`,
    `${path}%00`,
    `${path}%3F`,
    `${path}/.`,
    `${path}..;/`,
  ];
}

/** Not a success, not a server error, and nothing but a problem body. */
function expectRefused(answer: { status: number; headers: Record<string, string>; body: string }) {
  expect([400, 401, 404, 405, 414, 429]).toContain(answer.status);
  if (answer.body) expect(answer.headers['content-type'] ?? '').toMatch(/problem\+json/);
}

describe('API2: broken authentication (every spelling of every documented path)', () => {
  let protectedRoutes: DocumentedOperation[];

  beforeAll(async () => {
    await apps.start('gateway');
    protectedRoutes = (await documentedOperations()).filter(
      (route) => !PUBLIC_OPERATIONS.includes(describeOperation(route)),
    );
  });
  afterAll(() => apps.release('gateway'));

  it('documents enough routes for the sweep to mean something', () => {
    expect(protectedRoutes.length).toBeGreaterThan(30);
  });

  it('refuses the reported bypass: GET /%61pi/v1/officers without a token', async () => {
    const answer = await socketRequest(GATEWAY_PORT, 'GET', '/%61pi/v1/officers');
    expect(answer.status).toBe(401);
    expect(answer.body).not.toContain('email');
  });

  it('answers 401 problem+json on every protected route, as documented, without a token', async () => {
    for (const route of protectedRoutes) {
      const answer = await socketRequest(
        GATEWAY_PORT,
        route.method,
        route.path,
        {},
        route.method === 'GET' ? '' : '{}',
      );
      expect({ route: `${route.method} ${route.template}`, status: answer.status }).toEqual({
        route: `${route.method} ${route.template}`,
        status: 401,
      });
      expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('never answers a protected route without a token, however its path is spelled', async () => {
    const leaks: string[] = [];
    for (const route of protectedRoutes) {
      for (const target of spellings(route.path)) {
        const answer = await socketRequest(
          GATEWAY_PORT,
          route.method,
          target,
          {},
          route.method === 'GET' ? '' : '{}',
        );
        if (answer.status === 0) continue; // the server closed the connection: nothing was served
        try {
          expectRefused(answer);
        } catch {
          leaks.push(`${route.method} ${target} → ${answer.status} ${answer.body.slice(0, 120)}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('refuses bearer tokens in every other place a client might put them', async () => {
    const elsewhere: Record<string, string>[] = [
      { authorization: 'Bearer' },
      { authorization: 'Bearer ' },
      { authorization: 'bearer x.y.z' },
      { authorization: 'Basic YWRtaW46YnAtZGVtby1wYXNzd29yZA==' },
      { 'x-authorization': 'Bearer x.y.z' },
      { cookie: 'token=x.y.z' },
    ];
    for (const headers of elsewhere) {
      const answer = await socketRequest(GATEWAY_PORT, 'GET', '/api/v1/officers', headers);
      expect(answer.status).toBe(401);
    }
  });
});
