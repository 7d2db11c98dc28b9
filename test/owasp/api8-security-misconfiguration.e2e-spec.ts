import { GATEWAY_PORT, apps } from '../support/test-env';
import { API, as, tokenFor } from '../support/api';
import { HttpResult, http } from '../support/http';
import { expectProblem } from '../support/problem-assertions';
import { EVERY_SERVICE } from '../support/apps-for-file';

jest.setTimeout(180_000);

const gateway = `http://127.0.0.1:${GATEWAY_PORT}`;
const BODY_LIMIT_BYTES = 256 * 1024; // the gateway's default, which the test profile keeps
const UNKNOWN_ID = '0b7e3a52-5a3f-4c2e-9d61-6f1f0c4f2a10';

/** The directives of a Content-Security-Policy header, by name. */
function csp(result: HttpResult): Record<string, string> {
  const header = result.headers.get('content-security-policy') ?? '';
  return Object.fromEntries(
    header
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

function expectHardened(result: HttpResult, what: string): void {
  const headers = Object.fromEntries(result.headers.entries());
  expect({ what, headers }).toMatchObject({
    what,
    headers: {
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
    },
  });
  expect({ what, frameAncestors: csp(result)['frame-ancestors'] }).toEqual({
    what,
    frameAncestors: "'none'",
  });
  // Nothing that names the software behind the answer.
  expect({ what, poweredBy: headers['x-powered-by'], server: headers.server }).toEqual({ what });
}

function post(path: string, headers: Record<string, string>, body: string) {
  return tokenFor('fp-pak').then((token) =>
    http(`${API}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...headers },
      body,
    }),
  );
}

describe('API8: security misconfiguration', () => {
  beforeAll(async () => {
    await apps.start(...EVERY_SERVICE);
    await apps.start('gateway');
  });

  afterAll(async () => {
    await apps.release('gateway', ...EVERY_SERVICE);
  });

  /** Answers of every kind the gateway gives: API success and errors, operations, docs. */
  async function sampleAnswers(): Promise<[string, HttpResult][]> {
    return [
      ['an API answer', await as('fp-pak', 'GET', '/rfis')],
      ['the caller itself', await as('fp-pak', 'GET', '/me')],
      ['a refusal without a token', await http(`${API}/rfis`)],
      ['an unknown API route', await http(`${API}/no-such-thing`)],
      ['a route outside the API', await http(`${gateway}/no-such-thing`)],
      ['a malformed URL', await http(`${API}/rfis/%E0%A4%A`)],
      ['a sign-in refusal', await http(`${API}/auth/token`, { method: 'POST', json: {} })],
      ['liveness', await http(`${gateway}/health`)],
      ['readiness', await http(`${gateway}/health/ready`)],
      ['the OpenAPI document', await http(`${gateway}/api/docs-json`)],
      ['the docs page', await http(`${gateway}/api/docs`)],
    ];
  }

  it('sends nosniff, frame denial, no referrer and HSTS on every kind of answer, and no X-Powered-By', async () => {
    for (const [what, result] of await sampleAnswers()) expectHardened(result, what);
  });

  it('forbids every kind of content on API answers, errors and operations (CSP default-src none)', async () => {
    for (const [what, result] of await sampleAnswers()) {
      if (what === 'the docs page') continue;
      expect({ what, csp: csp(result) }).toMatchObject({
        what,
        csp: { 'default-src': "'none'", 'frame-ancestors': "'none'" },
      });
    }
  });

  it('never lets an API answer be stored by a cache', async () => {
    const answers = [
      await as('fp-pak', 'GET', '/rfis'),
      await as('fp-pak', 'GET', '/me'),
      await as('fp-pak', 'GET', `/rfis/${UNKNOWN_ID}`),
      await as('fp-pak', 'POST', '/rfis', { json: {} }),
      await http(`${API}/rfis`),
      await http(`${API}/auth/token`, {
        method: 'POST',
        json: { username: 'fp-pak', password: process.env.DEMO_PASSWORD ?? 'bp-demo-password' },
      }),
    ];
    for (const answer of answers) expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('serves a docs page that works under its CSP: own scripts and styles only, no inline script', async () => {
    const page = await http<string>(`${gateway}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = csp(page);
    expect(policy).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      'connect-src': "'self'",
      'frame-ancestors': "'none'",
    });

    // Every script comes from this origin, as a file: an inline one would be blocked.
    const scripts = [...page.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(attributes).toMatch(/\ssrc="\.?\/[^"/][^"]*"/);
      expect(inline!.trim()).toBe('');
    }
    expect(page.body).not.toMatch(/\son[a-z]+=/i); // no inline event handlers either
    // Its inline <style> blocks are what 'unsafe-inline' in style-src is for, and only styles get it.
    if (/<style\b/.test(page.body)) expect(policy['style-src']).toContain("'unsafe-inline'");
    expect(policy['script-src']).not.toContain('unsafe');

    // Each script and stylesheet the page names loads from /api/docs/ with the right type.
    const assets = [...page.body.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"/g)].map(
      ([, reference]) => new URL(reference!, `${gateway}/api/docs`),
    );
    for (const asset of assets) {
      expect(asset.origin).toBe(gateway);
      const loaded = await http<string>(asset.toString());
      expect({ asset: asset.pathname, status: loaded.status }).toEqual({
        asset: asset.pathname,
        status: 200,
      });
      const expectedType = /\.js$/.test(asset.pathname)
        ? /javascript/
        : /\.css$/.test(asset.pathname)
          ? /^text\/css/
          : /^image\//;
      expect(loaded.headers.get('content-type')).toMatch(expectedType);
    }
    // The page's own initialiser carries the API's document, so "connect-src 'self'" suffices.
    const init = await http<string>(`${gateway}/api/docs/swagger-ui-init.js`);
    expect(init.body).toContain('"/api/v1/rfis"');
  });

  describe('every error is application/problem+json with type, title, status and detail', () => {
    const cases: [string, () => Promise<HttpResult>, number][] = [
      ['an unknown API route', () => http(`${API}/no-such-thing`), 404],
      ['a path outside the API', () => http(`${gateway}/no-such-thing`), 404],
      ['a wrong method', () => as('fp-pak', 'DELETE', '/rfis'), 404],
      ['a wrong method on a record', () => as('fp-pak', 'PUT', `/rfis/${UNKNOWN_ID}`), 404],
      [
        'a 400-character id (Fastify would answer 414 JSON)',
        () => as('fp-pak', 'GET', `/rfis/${'a'.repeat(400)}`),
        400,
      ],
      ['a 400-character id without a token', () => http(`${API}/rfis/${'a'.repeat(400)}`), 400],
      ['a malformed percent-encoding', () => http(`${API}/rfis/%E0%A4%A`), 400],
      ['an id that is no uuid', () => as('fp-pak', 'GET', '/rfis/not-a-uuid'), 400],
      [
        'malformed JSON',
        () => post('/rfis', { 'content-type': 'application/json' }, '{"title": secret'),
        400,
      ],
      ['an empty JSON body', () => post('/rfis', { 'content-type': 'application/json' }, ''), 400],
      ['plain text (415)', () => post('/rfis', { 'content-type': 'text/plain' }, 'hello'), 415],
      [
        'a form (415)',
        () => post('/rfis', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=b'),
        415,
      ],
      ['XML (415)', () => post('/rfis', { 'content-type': 'application/xml' }, '<rfi/>'), 415],
      [
        'a body over the limit (413)',
        () =>
          post(
            '/rfis',
            { 'content-type': 'application/json' },
            JSON.stringify({ title: 'x'.repeat(BODY_LIMIT_BYTES) }),
          ),
        413,
      ],
      ['unknown fields', () => as('fp-pak', 'POST', '/rfis', { json: { nonsense: true } }), 400],
      ['no token', () => http(`${API}/rfis`), 401],
      [
        'a forged token',
        () => http(`${API}/rfis`, { headers: { authorization: 'Bearer a.b.c' } }),
        401,
      ],
      ['a role that may not (403)', () => as('fp-pak', 'POST', '/users', { json: {} }), 403],
      ['a record not to be seen', () => as('fp-pak', 'GET', `/rfis/${UNKNOWN_ID}`), 404],
      [
        'bad sign-in',
        () =>
          http(`${API}/auth/token`, {
            method: 'POST',
            json: { username: 'fp-pak', password: 'wrong password' },
          }),
        401,
      ],
    ];
    it.each(cases)('%s', async (_, call, status) => {
      const problem = expectProblem(await call(), status);
      // What the caller sent is not repeated back as an explanation.
      expect(problem.detail).not.toContain('secret');
    });
  });

  it('shows no stack trace, file path or internal name in any error body', async () => {
    const bodies = [
      await http(`${API}/rfis/%E0%A4%A`),
      await post('/rfis', { 'content-type': 'application/json' }, '{'),
      await as('fp-pak', 'GET', `/rfis?cursor=${Buffer.from('["1","x"]').toString('base64url')}`),
      await as('fp-pak', 'GET', '/rfis?limit=1000'),
      await as('fp-pak', 'GET', `/officers/${UNKNOWN_ID}`),
      await http(`${gateway}/health/services/no-such-service`),
    ].map((result) => JSON.stringify(result.body));
    for (const body of bodies) {
      expect(body).not.toMatch(/\n\s+at |\.(js|ts):\d+|node_modules|\/work\/|dist\//);
      expect(body).not.toMatch(/FST_|Nest|Fastify|MikroORM|Kafka|Postgre|SQL|Exception/);
    }
  });

  describe('CORS: a stated policy (CORS_ALLOWED_ORIGINS)', () => {
    const listed = 'https://rfi.mup.gov.rs';
    const other = 'https://elsewhere.example';
    // gateway@2 listens on the gateway's port + 10.
    const second = `http://127.0.0.1:${GATEWAY_PORT + 10}`;
    beforeAll(() => apps.startWith({ CORS_ALLOWED_ORIGINS: listed }, 'gateway@2'));
    afterAll(() => apps.release('gateway@2'));

    it('by default lets no other origin read an answer: no Access-Control-Allow-Origin at all', async () => {
      const token = await tokenFor('fp-pak');
      const answer = await http(`${API}/me`, {
        headers: { authorization: `Bearer ${token}`, origin: listed },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('lets a listed origin read answers and ask first, without credentials; any other origin not', async () => {
      const token = await tokenFor('fp-pak');
      const read = (origin: string) =>
        http(`${second}/api/v1/me`, { headers: { authorization: `Bearer ${token}`, origin } });
      const allowed = await read(listed);
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(listed);
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      expect(allowed.headers.get('access-control-expose-headers')).toContain('etag');
      const refused = await read(other);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();

      const preflight = (origin: string) =>
        http(`${second}/api/v1/rfis`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization, idempotency-key, content-type',
          },
        });
      const asked = await preflight(listed);
      expect(asked.status).toBeLessThan(300);
      expect(asked.headers.get('access-control-allow-origin')).toBe(listed);
      expect(asked.headers.get('access-control-allow-headers')).toContain('idempotency-key');
      expect((await preflight(other)).headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
