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
