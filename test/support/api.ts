import { GATEWAY_PORT } from './test-env';
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

/** Calls the API as a demo user. */
export async function as<T = unknown>(
  username: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<HttpResult<T>> {
  const token = await tokenFor(username);
  return http<T>(`${API}${path}`, {
    method,
    json: options.json,
    body: options.body,
    headers: { authorization: `Bearer ${token}`, ...(options.headers ?? {}) },
  });
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
