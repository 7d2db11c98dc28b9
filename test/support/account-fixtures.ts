import { randomUUID } from 'node:crypto';
import { API, as } from './api';
import { HttpResult, http } from './http';

/** An account made for one test: tests change these, never the demo accounts others rely on. */
export interface TestAccount {
  id: string;
  username: string;
  password: string;
}

export async function createTestAccount(
  fields: { role?: string; party?: string | null; prefix?: string } = {},
): Promise<TestAccount> {
  const username = `${fields.prefix ?? 't'}-${randomUUID().slice(0, 8)}`;
  const password = `passphrase of ${username}`;
  const role = fields.role ?? 'focal_point';
  const party = fields.party === undefined ? (role === 'focal_point' ? 'SRB' : null) : fields.party;
  const initial = `initial passphrase of ${username}`;
  const created = await as<{ id: string }>('admin', 'POST', '/users', {
    json: { username, password: initial, role, ...(party ? { party } : {}) },
  });
  if (created.status !== 201)
    throw new Error(
      `Creating ${username} failed: ${created.status} ${JSON.stringify(created.body)}`,
    );
  await enrol(username, initial, password);
  return { id: created.body.id, username, password };
}

/**
 * What the holder of a new account does first: the password the admin chose opens only the way to
 * their own (POST /me/password), as after a reset.
 */
export async function enrol(username: string, initial: string, chosen: string): Promise<void> {
  const token = await freshToken(username, initial);
  const changed = await withToken(token, 'POST', '/me/password', {
    currentPassword: initial,
    newPassword: chosen,
  });
  if (changed.status !== 204)
    throw new Error(
      `Enrolling ${username} failed: ${changed.status} ${JSON.stringify(changed.body)}`,
    );
}

export function signIn(
  username: string,
  password: string,
  api = API,
): Promise<HttpResult<{ accessToken: string }>> {
  return http(`${api}/auth/token`, { method: 'POST', json: { username, password } });
}

/** A fresh token (not cached: these tests revoke tokens on purpose). */
export async function freshToken(username: string, password: string): Promise<string> {
  const result = await signIn(username, password);
  if (result.status !== 200)
    throw new Error(
      `Sign-in of ${username} failed: ${result.status} ${JSON.stringify(result.body)}`,
    );
  return result.body.accessToken;
}

export function withToken<T = unknown>(
  token: string,
  method: string,
  path: string,
  json?: unknown,
): Promise<HttpResult<T>> {
  return http<T>(`${API}${path}`, {
    method,
    json,
    headers: { authorization: `Bearer ${token}` },
  });
}

/** An account as the API answers it (GET /me, GET /users/{id}, PATCH /users/{id}). */
export interface AccountBody {
  id: string;
  username: string;
  role: string;
  party: string | null;
  disabled: boolean;
  successorId: string | null;
  passwordChangeRequired: boolean;
  version: number;
  temporaryPassword?: string;
}

/** What an admin sends to PATCH /users/{id}. */
export function changeAccount<T = Record<string, unknown>>(
  id: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult<T>> {
  return as<T>('admin', 'PATCH', `/users/${id}`, { json: body, headers });
}

const PROBLEM_FIELDS = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors']);

/** A problem+json answer with that status and nothing but problem fields: no data of any kind. */
export function isBareProblem(result: HttpResult, status: number): boolean {
  const body = result.body as Record<string, unknown> | undefined;
  return (
    result.status === status &&
    (result.headers.get('content-type') ?? '').includes('application/problem+json') &&
    typeof body === 'object' &&
    body !== null &&
    body.status === status &&
    Object.keys(body).every((field) => PROBLEM_FIELDS.has(field))
  );
}
