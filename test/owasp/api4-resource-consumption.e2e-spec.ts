import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DATABASE_URL, GATEWAY_PORT, apps, sleep } from '../support/test-env';
import { as, tokenFor } from '../support/api';
import { HttpResult, http } from '../support/http';
import { expectProblem } from '../support/problem-assertions';
import { documentedOperations } from '../support/openapi-operations';
import { fileRfi } from '../support/rfi-fixtures';
import { EVERY_SERVICE } from '../support/apps-for-file';

jest.setTimeout(240_000);

// Two gateway instances of their own with a low limit, side by side on one database. Their window
// differs from the suite's gateway, so its counts (same users, same address) are not theirs.
const LIMIT = 5;
const WINDOW_SECONDS = 45;
const LIMITED = ['gateway@3', 'gateway@4'];
const first = `http://127.0.0.1:${GATEWAY_PORT + 20}/api/v1`;
const second = `http://127.0.0.1:${GATEWAY_PORT + 30}/api/v1`;
const BODY_LIMIT_BYTES = 256 * 1024; // the gateway's default, which the test profile keeps

interface Fields {
  policy: { q: number; w: number };
  remaining: number;
  reset: number;
}

/** RateLimit-Policy and RateLimit as the draft writes them: `"default";q=5;w=45`, `"default";r=4;t=30`. */
function rateLimitOf(result: HttpResult): Fields {
  const policy = /^"default";q=(\d+);w=(\d+)$/.exec(result.headers.get('ratelimit-policy') ?? '');
  const current = /^"default";r=(\d+);t=(\d+)$/.exec(result.headers.get('ratelimit') ?? '');
  if (!policy || !current)
    throw new Error(
      `No RateLimit fields on ${result.status}: ${JSON.stringify([...result.headers])}`,
    );
  return {
    policy: { q: Number(policy[1]), w: Number(policy[2]) },
    remaining: Number(current[1]),
    reset: Number(current[2]),
  };
}

async function asUser(username: string, base: string, path = '/me'): Promise<HttpResult> {
  return http(`${base}${path}`, {
    headers: { authorization: `Bearer ${await tokenFor(username)}` },
  });
}

/**
 * Waits until a fixed window has at least 15 s to run, so that a sequence of requests falls into
 * one window; answers the caller's first request in it.
 */
async function inOneWindow(call: () => Promise<HttpResult>): Promise<HttpResult> {
  const probe = await call();
  const { reset } = rateLimitOf(probe);
  if (reset >= 15) return probe;
  await sleep((reset + 1) * 1000);
  return call();
}

/** A clean slate for this test's policy (its window length); the suite's gateway counts apart. */
async function forgetCounts(): Promise<void> {
  const client = new Client({
    connectionString: DATABASE_URL.replace(/\/[^/]*$/, '/bp_gateway_test'),
  });
  await client.connect();
  try {
    await client.query('delete from rate_limit_counter where window_seconds = $1', [
      WINDOW_SECONDS,
    ]);
  } finally {
    await client.end();
  }
}

const base64 = (text: string) => Buffer.from(text).toString('base64url');
const ID = '0b7e3a52-5a3f-4c2e-9d61-6f1f0c4f2a10';
const CRAFTED_CURSORS: [string, string][] = [
  ['base64 of garbage', Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22]).toString('base64url')],
  ['not base64 at all', '!!not-a-cursor!!'],
  ['valid JSON of the wrong shape', base64(JSON.stringify({ at: '2026-01-01', id: ID }))],
  ['a huge number', base64('99999999999999999999')],
  ['a date PostgreSQL cannot read', base64(JSON.stringify(['1', ID]))],
  ['an impossible date', base64(JSON.stringify(['2026-02-30T00:00:00.000Z', ID]))],
  ['an id that is no uuid', base64(JSON.stringify(['2026-01-01T00:00:00.000Z', '-'.repeat(36)]))],
  ['SQL in the id', base64(JSON.stringify(['2026-01-01T00:00:00.000Z', "' or 1=1 --"]))],
];

describe('API4: unrestricted resource consumption', () => {
  beforeAll(async () => {
    await apps.start(...EVERY_SERVICE);
    await apps.start('gateway');
    // Instances left by an earlier run would keep their settings: start these afresh.
    await apps.stop(...LIMITED);
    await forgetCounts();
    await apps.startWith(
      { RATE_LIMIT_REQUESTS: String(LIMIT), RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS) },
      ...LIMITED,
    );
  });

  afterAll(async () => {
    await apps.release(...LIMITED, 'gateway', ...EVERY_SERVICE);
  });

  describe('rate limit per user, shared by every gateway instance', () => {
    it('counts one user on both instances, says so in RateLimit fields, then answers 429 problem+json with Retry-After', async () => {
      let answer = await inOneWindow(() => asUser('fp-est', first));
      let fields = rateLimitOf(answer);
      expect(answer.status).toBe(200);
      expect(fields.policy).toEqual({ q: LIMIT, w: WINDOW_SECONDS });
      expect(fields.reset).toBeGreaterThan(0);
      expect(fields.reset).toBeLessThanOrEqual(WINDOW_SECONDS);

      // Alternate instances: each answer counts down from the one before, whichever counted it.
      let instance = 1;
      while (fields.remaining > 0) {
        const before = fields.remaining;
        answer = await asUser('fp-est', instance++ % 2 ? second : first);
        fields = rateLimitOf(answer);
        expect(answer.status).toBe(200);
        expect(fields.remaining).toBe(before - 1);
      }
      expect(instance).toBeGreaterThanOrEqual(3); // both instances took part

      for (const base of [first, second]) {
        const refused = await asUser('fp-est', base);
        const problem = expectProblem(refused, 429);
        expect(problem.type).toMatch(/rate-limited$/);
        const retryAfter = Number(refused.headers.get('retry-after'));
        expect(Number.isInteger(retryAfter)).toBe(true);
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
        expect(rateLimitOf(refused)).toMatchObject({ remaining: 0, reset: retryAfter });
        expect(refused.headers.get('cache-control')).toBe('no-store');
      }
    });

    it("leaves another user's quota alone while one user is refused", async () => {
      const refused = await inOneWindow(async () => {
        // Exhaust fp-lva's quota in the window, then make sure it is refused.
        let last = await asUser('fp-lva', first);
        for (let i = 0; i < LIMIT && last.status !== 429; i++) last = await asUser('fp-lva', first);
        return last;
      });
      expect(refused.status).toBe(429);
      const other = await asUser('fp-ltu', second);
      expect(other.status).toBe(200);
      expect(rateLimitOf(other).remaining).toBe(LIMIT - 1);
      expect((await asUser('fp-lva', second)).status).toBe(429);
    });

    it('counts requests without a token (signing in) by address, apart from any user', async () => {
      // A name nobody has: the sign-in throttle (per address and name) never sees it twice.
      const signIn = (base: string) =>
        http(`${base}/auth/token`, {
          method: 'POST',
          json: { username: `nobody-${randomUUID().slice(0, 8)}`, password: 'not a password' },
        });
      let answer = await inOneWindow(() => signIn(first));
      expect(answer.status).toBe(401);
      let fields = rateLimitOf(answer);
      while (fields.remaining > 0) {
        answer = await signIn(second);
        expect(answer.status).toBe(401);
        fields = rateLimitOf(answer);
      }
      expectProblem(await signIn(first), 429);
      // The address is spent; a signed-in user from the same address still has its own quota.
      expect((await asUser('fp-fin', first)).status).toBe(200);
    });

    it('gives the suite its own generous limit on the main gateway, with the same fields', async () => {
      const answer = await as('fp-est', 'GET', '/me');
      expect(answer.status).toBe(200);
      expect(rateLimitOf(answer).policy.q).toBeGreaterThan(10_000);
    });
  });

  describe('page caps on every list route of the OpenAPI document', () => {
    let lists: { path: string; caller: string }[];
    const removePakWebhooks = async () => {
      const own = await as<{ items: { id: string }[] }>('fp-pak', 'GET', '/webhooks?limit=100');
      for (const { id } of own.body.items) await as('fp-pak', 'DELETE', `/webhooks/${id}`);
    };
    afterAll(removePakWebhooks);

    beforeAll(async () => {
      const rfi = await fileRfi('fp-pak');
      await fileRfi('fp-pak'); // two, so that a page of one has a next page
      // A webhook of PAK's for the webhook lists: a public address, and a kind that never
      // happens here, so nothing is ever sent to it.
      await removePakWebhooks();
      const webhook = await as<{ id: string }>('fp-pak', 'POST', '/webhooks', {
        json: { url: 'https://93.184.215.14/bp-webhook', events: ['WEBHOOK_DISABLED'] },
      });
      expect(webhook.status).toBe(201);
      const pathValues: Record<string, string> = { id: rfi.id };
      const valueFor = (template: string, name: string) =>
        template.startsWith('/api/v1/webhooks/') ? webhook.body.id : pathValues[name];
      const operations = (await documentedOperations()).filter(
        (operation) =>
          operation.method === 'GET' &&
          operation.parameters.some((p) => p.in === 'query' && p.name === 'limit'),
      );
      lists = [];
      for (const operation of operations) {
        const path = operation.template
          .replace(/^\/api\/v1/, '')
          .replace(/\{(\w+)\}/g, (whole, name: string) => {
            const value = valueFor(operation.template, name);
            if (!value) throw new Error(`No value for ${whole} in ${operation.template}`);
            return value;
          });
        // The first caller whose plain request is served: roles are checked before the page.
        let caller: string | undefined;
        for (const candidate of ['fp-pak', 'secretariat', 'admin']) {
          if ((await as(candidate, 'GET', path)).status === 200) {
            caller = candidate;
            break;
          }
        }
        if (!caller) throw new Error(`No caller is served ${operation.template}; teach this test`);
        lists.push({ path, caller });
      }
      expect(lists.map((list) => list.path)).toEqual(
        expect.arrayContaining(['/rfis', '/officers', '/deployments', '/knowledge-exchanges']),
      );
    });

    it('refuses limit=101, 0, -1 and non-numbers with 400 problem+json naming the field', async () => {
      for (const { path, caller } of lists) {
        for (const limit of ['101', '0', '-1', 'ten', '1e9']) {
          const separator = path.includes('?') ? '&' : '?';
          const problem = expectProblem(
            await as(caller, 'GET', `${path}${separator}limit=${limit}`),
            400,
          );
          const fields = [...new Set(problem.errors?.map((error) => error.field))];
          expect({ path, limit, fields }).toEqual({
            path,
            limit,
            fields: ['limit'],
          });
        }
        expect((await as(caller, 'GET', `${path}?limit=100`)).status).toBe(200);
      }
    });

    it('refuses crafted cursors with 400 problem+json on the field cursor, never 500', async () => {
      for (const { path, caller } of lists) {
        for (const [what, cursor] of CRAFTED_CURSORS) {
          const result = await as(caller, 'GET', `${path}?cursor=${encodeURIComponent(cursor)}`);
          expect({ path, what, status: result.status }).toEqual({ path, what, status: 400 });
          const problem = expectProblem(result, 400);
          expect(problem.errors).toEqual([{ field: 'cursor', message: 'invalid' }]);
        }
      }
    });

    it('accepts every cursor it gave out', async () => {
      let followed = 0;
      for (const { path, caller } of lists) {
        const page = await as<{ items: unknown[]; nextCursor: string | null }>(
          caller,
          'GET',
          `${path}?limit=1`,
        );
        expect(page.status).toBe(200);
        if (!page.body.nextCursor) continue;
        const next = await as(caller, 'GET', `${path}?limit=1&cursor=${page.body.nextCursor}`);
        expect({ path, status: next.status }).toEqual({ path, status: 200 });
        followed++;
      }
      expect(followed).toBeGreaterThan(0);
    });
  });

  describe('body caps', () => {
    it('answers a body over the configured limit with 413 problem+json', async () => {
      const oversized = JSON.stringify({ title: 'x'.repeat(BODY_LIMIT_BYTES) });
      const refused = await as('fp-pak', 'POST', '/rfis', {
        body: oversized,
        headers: { 'content-type': 'application/json' },
      });
      expect(expectProblem(refused, 413).type).toMatch(/payload-too-large$/);
    });

    it('reads a body within the limit and judges its fields instead', async () => {
      const large = JSON.stringify({ title: 'x'.repeat(BODY_LIMIT_BYTES - 1024) });
      const judged = await as('fp-pak', 'POST', '/rfis', {
        body: large,
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(judged, 400);
    });
  });
});
