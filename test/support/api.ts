import { randomUUID } from 'node:crypto';
import { GATEWAY_PORT, sleep } from './test-env';
import { HttpResult, http } from './http';

export const API = `http://127.0.0.1:${GATEWAY_PORT}/api/v1`;
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'bp-demo-password';

const tokens = new Map<string, string>();

/** A signed-in demo user (cached per test file: one sign-in per user keeps clear of the login limit). */
export async function tokenFor(username: string, password = DEMO_PASSWORD): Promise<string> {
  const cached = tokens.get(username);
  if (cached) return cached;
  const result = await http<{ accessToken: string }>(`${API}/auth/token`, {
    method: 'POST',
    json: { username, password },
  });
  if (result.status !== 200)
    throw new Error(
      `Sign-in of ${username} failed: ${result.status} ${JSON.stringify(result.body)}`,
    );
  tokens.set(username, result.body.accessToken);
  return result.body.accessToken;
}

export interface CallOptions {
  json?: unknown;
  headers?: Record<string, string>;
  body?: string;
}

/** Tries of one call that meets a 503 or 504, as the API's problem details tell a client to. */
const TRIES = 3;

/**
 * Calls the API as a demo user, as a careful client does: a change carries an Idempotency-Key (the
 * caller's, or a fresh one) and a 503 or 504 is tried again with the same key, so a test does not
 * fail on a service instance another test file stops or starts (its command partitions move to
 * another member meanwhile). The key makes a retry apply the change once.
 */
export async function as<T = unknown>(
  username: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<HttpResult<T>> {
  const token = await tokenFor(username);
  const changes = !['GET', 'HEAD'].includes(method.toUpperCase());
  const given = Object.keys(options.headers ?? {}).some(
    (h) => h.toLowerCase() === 'idempotency-key',
  );
  const headers = {
    authorization: `Bearer ${token}`,
    ...(changes && !given ? { 'idempotency-key': randomUUID() } : {}),
    ...(options.headers ?? {}),
  };
  for (let attempt = 1; ; attempt += 1) {
    const result = await http<T>(`${API}${path}`, {
      method,
      json: options.json,
      body: options.body,
      headers,
    });
    if (![503, 504].includes(result.status) || attempt === TRIES) return result;
    process.stderr.write(`${method} ${path} as ${username}: ${result.status}, trying again\n`);
    await sleep(1_000);
  }
}

/** Every item of a paginated list (thread, history, any list), following `nextCursor` to the end. */
export async function allPages<T>(username: string, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: HttpResult<{ items: T[]; nextCursor: string | null }> = await as(
      username,
      'GET',
      `${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (page.status !== 200)
      throw new Error(`GET ${path} as ${username}: ${page.status} ${JSON.stringify(page.body)}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}
