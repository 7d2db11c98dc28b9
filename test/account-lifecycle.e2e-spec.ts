import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DATABASE_URL, GATEWAY_PORT, apps } from './support/test-env';
import { http } from './support/http';
import { as } from './support/api';
import {
  TestAccount,
  changeAccount,
  createTestAccount,
  freshToken,
  isBareProblem,
  signIn,
  withToken,
} from './support/account-fixtures';
import {
  DocumentedOperation,
  describeOperation,
  documentedOperations,
} from './support/openapi-operations';

jest.setTimeout(180_000);

const PUBLIC_OPERATIONS = [
  'GET /health',
  'GET /health/ready',
  'GET /health/services/{name}',
  'GET /metrics',
  'POST /api/v1/auth/token',
];

interface Account {
  id: string;
  username: string;
  disabled: boolean;
  successorId: string | null;
  passwordChangeRequired: boolean;
  role: string;
  version: number;
  temporaryPassword?: string;
}

interface AuditLine {
  id: string;
  action: string;
  actor: { userId: string; username: string } | null;
  target: { userId: string; username: string };
  details: Record<string, unknown>;
}

const call = (operation: DocumentedOperation, token?: string) =>
  http(`http://127.0.0.1:${GATEWAY_PORT}${operation.path}`, {
    method: operation.method,
    ...(['POST', 'PUT', 'PATCH'].includes(operation.method) ? { json: {} } : {}),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('account life cycle: disable, successor, reset, own password, audit', () => {
  let operations: DocumentedOperation[];
  let adminId: string;

  beforeAll(async () => {
    await apps.start('gateway');
    operations = await documentedOperations();
    adminId = (await as<{ id: string }>('admin', 'GET', '/me')).body.id;
  });
  afterAll(() => apps.stop('gateway'));

  it('refuses a disabled account’s still-valid token at once on every documented route', async () => {
    const account = await createTestAccount();
    const token = await freshToken(account.username, account.password);
    expect((await withToken(token, 'GET', '/me')).status).toBe(200);
    expect((await withToken(token, 'GET', '/parties')).status).toBe(200);

    const disabled = await changeAccount<Account>(account.id, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);

    expect(operations.length).toBeGreaterThan(30);
    const open: string[] = [];
    for (const operation of operations) {
      const anonymous = await call(operation);
      const withDisabledToken = await call(operation, token);
      if (anonymous.status === 401) {
        expect({
          route: describeOperation(operation),
          refused: isBareProblem(withDisabledToken, 401),
        }).toEqual({ route: describeOperation(operation), refused: true });
        expect(JSON.stringify(withDisabledToken.body)).not.toContain(account.username);
      } else {
        // An open route: the token adds nothing to what anyone gets without one.
        open.push(describeOperation(operation));
        expect(withDisabledToken.status).toBe(anonymous.status);
      }
    }
    expect(open.sort()).toEqual(PUBLIC_OPERATIONS);

    const refusedSignIn = await signIn(account.username, account.password);
    const wrongPassword = await signIn(account.username, 'not the password at all');
    expect(refusedSignIn.status).toBe(401);
    expect(refusedSignIn.body).toEqual(wrongPassword.body);
  });

  it('lets an enabled account sign in again, but the tokens revoked by disabling stay dead', async () => {
    const account = await createTestAccount();
    const oldToken = await freshToken(account.username, account.password);
    expect((await changeAccount(account.id, { disabled: true })).status).toBe(200);
    const enabled = await changeAccount<Account>(account.id, { disabled: false });
    expect(enabled.body.disabled).toBe(false);
    expect(isBareProblem(await withToken(oldToken, 'GET', '/me'), 401)).toBe(true);
    const newToken = await freshToken(account.username, account.password);
    expect((await withToken<Account>(newToken, 'GET', '/me')).body.username).toBe(account.username);
  });

  it('names a successor: an enabled account of the same party and role, shown on the account', async () => {
    const leaving = await createTestAccount({ party: 'SRB' });
    const taking = await createTestAccount({ party: 'SRB' });
    const otherParty = await createTestAccount({ party: 'PAK' });
    for (const successorId of [otherParty.id, randomUUID(), leaving.id]) {
      const refused = await changeAccount<{ errors: { field: string }[] }>(leaving.id, {
        successorId,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e) => e.field)).toEqual(['successorId']);
    }
    const named = await changeAccount<Account>(leaving.id, {
      successorId: taking.id,
      disabled: true,
    });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ successorId: taking.id, disabled: true });

    const shown = await as<Account>('admin', 'GET', `/users/${leaving.id}`);
    expect(shown.body.successorId).toBe(taking.id);
    expect(shown.headers.get('etag')).toBe(`"${shown.body.version}"`);
    const cleared = await changeAccount<Account>(leaving.id, { successorId: null });
    expect(cleared.body.successorId).toBeNull();
  });

  it('resets a password: the temporary one opens only /me and /me/password until it is changed', async () => {
    const account = await createTestAccount();
    const before = await freshToken(account.username, account.password);
    const reset = await changeAccount<Account>(account.id, { resetPassword: true });
    expect(reset.status).toBe(200);
    expect(reset.headers.get('cache-control')).toBe('no-store');
    const temporary = reset.body.temporaryPassword!;
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    expect(reset.body.passwordChangeRequired).toBe(true);
    expect((await as('admin', 'GET', `/users/${account.id}`)).body).not.toHaveProperty(
      'temporaryPassword',
    );

    expect(isBareProblem(await withToken(before, 'GET', '/me'), 401)).toBe(true);
    expect((await signIn(account.username, account.password)).status).toBe(401);
    const token = await freshToken(account.username, temporary);
    const me = await withToken<Account>(token, 'GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: account.username, passwordChangeRequired: true });

    for (const operation of operations) {
      const route = describeOperation(operation);
      if (PUBLIC_OPERATIONS.includes(route) || route === 'GET /api/v1/me') continue;
      if (route === 'POST /api/v1/me/password') continue;
      const answer = await call(operation, token);
      const detail = (answer.body as { detail?: string }).detail ?? '';
      expect({ route, refused: isBareProblem(answer, 403), detail }).toEqual({
        route,
        refused: true,
        detail: expect.stringContaining('password change is required') as unknown,
      });
    }

    const same = await withToken<{ errors: { field: string }[] }>(token, 'POST', '/me/password', {
      currentPassword: temporary,
      newPassword: temporary,
    });
    expect(same.status).toBe(400);
    expect(same.body.errors.map((e) => e.field)).toEqual(['newPassword']);
    const changed = await withToken(token, 'POST', '/me/password', {
      currentPassword: temporary,
      newPassword: 'my very own new passphrase',
    });
    expect(changed.status).toBe(204);
    expect(isBareProblem(await withToken(token, 'GET', '/me'), 401)).toBe(true);
    const own = await freshToken(account.username, 'my very own new passphrase');
    expect((await withToken<Account>(own, 'GET', '/me')).body.passwordChangeRequired).toBe(false);
    expect((await withToken(own, 'GET', '/parties')).status).toBe(200);
  });

  it('changes one’s own password: the old password and every older token stop working', async () => {
    const account = await createTestAccount();
    const first = await freshToken(account.username, account.password);
    const second = await freshToken(account.username, account.password);
    const wrong = await withToken<{ errors: { field: string }[] }>(first, 'POST', '/me/password', {
      currentPassword: 'not my password at all',
      newPassword: 'a fine new passphrase',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e) => e.field)).toEqual(['currentPassword']);
    const short = await withToken(first, 'POST', '/me/password', {
      currentPassword: account.password,
      newPassword: 'short',
    });
    expect(short.status).toBe(400);

    const changed = await withToken(first, 'POST', '/me/password', {
      currentPassword: account.password,
      newPassword: 'a fine new passphrase',
    });
    expect(changed.status).toBe(204);
    for (const token of [first, second])
      expect(isBareProblem(await withToken(token, 'GET', '/me'), 401)).toBe(true);
    expect((await signIn(account.username, account.password)).status).toBe(401);
    expect((await signIn(account.username, 'a fine new passphrase')).status).toBe(200);
  });

  it('changes a role where it fits the account, revoking its tokens; refuses one that does not', async () => {
    const secretariat = await createTestAccount({ role: 'secretariat' });
    const token = await freshToken(secretariat.username, secretariat.password);
    expect((await withToken(token, 'GET', '/users')).status).toBe(403);
    const promoted = await changeAccount<Account>(secretariat.id, { role: 'admin' });
    expect(promoted.body.role).toBe('admin');
    expect(isBareProblem(await withToken(token, 'GET', '/users'), 401)).toBe(true);
    const asAdmin = await freshToken(secretariat.username, secretariat.password);
    expect((await withToken(asAdmin, 'GET', '/users')).status).toBe(200);

    const icmpd = await createTestAccount({ party: 'ICMPD' });
    const refused = await changeAccount<{ errors: { field: string }[] }>(icmpd.id, {
      role: 'secretariat',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e) => e.field)).toEqual(['role']);
    expect((await as<Account>('admin', 'GET', `/users/${icmpd.id}`)).body.role).toBe('focal_point');
  });

  it('keeps an admin from disabling, demoting or resetting themselves', async () => {
    const admin = await createTestAccount({ role: 'admin' });
    const token = await freshToken(admin.username, admin.password);
    for (const body of [{ disabled: true }, { role: 'secretariat' }, { resetPassword: true }]) {
      const refused = await withToken(token, 'PATCH', `/users/${admin.id}`, body);
      expect(isBareProblem(refused, 409)).toBe(true);
    }
    expect((await withToken(token, 'GET', '/me')).status).toBe(200);
  });

  it('records every admin action with the admin who did it, in an append-only log', async () => {
    const target = await createTestAccount();
    const successor = await createTestAccount();
    await changeAccount(target.id, { successorId: successor.id });
    await changeAccount(target.id, { disabled: true });
    await changeAccount(target.id, { disabled: false });
    const reset = await changeAccount<Account>(target.id, { resetPassword: true });
    await changeAccount(target.id, { successorId: null });

    const log = await as<{ items: AuditLine[] }>(
      'admin',
      'GET',
      `/audit?targetUserId=${target.id}`,
    );
    expect(log.status).toBe(200);
    expect(log.body.items.map((line) => line.action)).toEqual([
      'SUCCESSOR_CLEARED',
      'PASSWORD_RESET',
      'ACCOUNT_ENABLED',
      'ACCOUNT_DISABLED',
      'SUCCESSOR_NAMED',
      'ACCOUNT_CREATED',
    ]);
    for (const line of log.body.items) {
      expect(line.actor).toEqual({ userId: adminId, username: 'admin' });
      expect(line.target).toEqual({ userId: target.id, username: target.username });
    }
    expect(log.body.items.at(-1)!.details).toEqual({
      role: 'focal_point',
      party: 'SRB',
      officerId: null,
    });
    const text = JSON.stringify(log.body);
    for (const secret of [reset.body.temporaryPassword!, target.password, '$argon2'])
      expect(text).not.toContain(secret);

    const resets = await as<{ items: AuditLine[] }>(
      'admin',
      'GET',
      `/audit?targetUserId=${target.id}&action=PASSWORD_RESET`,
    );
    expect(resets.body.items).toHaveLength(1);
    const firstPage = await as<{ items: AuditLine[]; nextCursor: string }>(
      'admin',
      'GET',
      `/audit?targetUserId=${target.id}&limit=4`,
    );
    const secondPage = await as<{ items: AuditLine[]; nextCursor: string | null }>(
      'admin',
      'GET',
      `/audit?targetUserId=${target.id}&limit=4&cursor=${firstPage.body.nextCursor}`,
    );
    expect([...firstPage.body.items, ...secondPage.body.items]).toEqual(log.body.items);
    expect(secondPage.body.nextCursor).toBeNull();

    const url = new URL(DATABASE_URL);
    url.pathname = '/bp_gateway_test';
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await expect(
        client.query(
          `update account_audit set action = 'ACCOUNT_ENABLED' where target_user_id = $1`,
          [target.id],
        ),
      ).rejects.toThrow(/append-only/);
      await expect(
        client.query('delete from account_audit where target_user_id = $1', [target.id]),
      ).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });

  it('lists accounts to admins, by username, with filters and pages', async () => {
    const disabled: TestAccount = await createTestAccount({ party: 'PAK' });
    await changeAccount(disabled.id, { disabled: true });
    const seen: Account[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Account[]; nextCursor: string | null } } =
        await as('admin', 'GET', `/users?party=PAK&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const names = seen.map((a) => a.username);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['fp-pak', disabled.username]));
    expect(seen.every((a) => (a as unknown as { party: string }).party === 'PAK')).toBe(true);
    expect(Object.keys(seen[0]!).sort()).toEqual(
      [
        'createdAt',
        'disabled',
        'id',
        'officerId',
        'party',
        'passwordChangeRequired',
        'role',
        'successorId',
        'username',
        'version',
      ].sort(),
    );

    const onlyDisabled = await as<{ items: Account[] }>(
      'admin',
      'GET',
      '/users?party=PAK&disabled=true&limit=100',
    );
    expect(onlyDisabled.body.items.map((a) => a.username)).toContain(disabled.username);
    expect(onlyDisabled.body.items.every((a) => a.disabled)).toBe(true);
    const admins = await as<{ items: Account[] }>('admin', 'GET', '/users?role=admin&limit=100');
    expect(admins.body.items.map((a) => a.username)).toContain('admin');
    expect(admins.body.items.every((a) => a.role === 'admin')).toBe(true);
  });

  it('keeps accounts and the audit log from everyone but admins: 403, and no data', async () => {
    const someone = await createTestAccount();
    for (const user of ['fp-srb', 'secretariat']) {
      for (const [method, path, json] of [
        ['GET', '/users', undefined],
        ['GET', `/users/${someone.id}`, undefined],
        ['PATCH', `/users/${someone.id}`, { disabled: true }],
        ['GET', '/audit', undefined],
        ['GET', `/audit?targetUserId=${someone.id}`, undefined],
      ] as const) {
        const answer = await as(user, method, path, { json });
        expect({ user, method, path, refused: isBareProblem(answer, 403) }).toEqual({
          user,
          method,
          path,
          refused: true,
        });
      }
    }
    expect((await as<Account>('admin', 'GET', `/users/${someone.id}`)).body.disabled).toBe(false);
  });

  it('refuses unknown fields, bad values, stale versions and absent accounts', async () => {
    const account = await createTestAccount();
    const unknownField = await changeAccount<{ errors: { field: string }[] }>(account.id, {
      disabled: true,
      party: 'HUN',
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors.map((e) => e.field)).toEqual(['party']);
    for (const body of [{}, { resetPassword: false }, { role: 'king' }, { successorId: 'x' }])
      expect((await changeAccount(account.id, body)).status).toBe(400);
    for (const query of ['foo=1', 'limit=101', 'cursor=not-ours', 'disabled=maybe', 'role=king'])
      expect(isBareProblem(await as('admin', 'GET', `/users?${query}`), 400)).toBe(true);
    for (const query of ['cursor=not-ours', 'action=NOPE', 'targetUserId=x'])
      expect(isBareProblem(await as('admin', 'GET', `/audit?${query}`), 400)).toBe(true);
    const token = await freshToken(account.username, account.password);
    const extra = await withToken(token, 'POST', '/me/password', {
      currentPassword: account.password,
      newPassword: 'a fine new passphrase',
      username: 'admin',
    });
    expect(extra.status).toBe(400);

    const current = await as<Account>('admin', 'GET', `/users/${account.id}`);
    const stale = await changeAccount(
      account.id,
      { disabled: true },
      {
        'if-match': `"${current.body.version - 1}"`,
      },
    );
    expect(isBareProblem(stale, 412)).toBe(true);
    const fresh = await changeAccount<Account>(
      account.id,
      { disabled: true },
      {
        'if-match': current.headers.get('etag')!,
      },
    );
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).toBe(`"${current.body.version + 1}"`);
    expect((await as<Account>('admin', 'GET', `/users/${account.id}`)).body.disabled).toBe(true);

    expect(isBareProblem(await as('admin', 'GET', `/users/${randomUUID()}`), 404)).toBe(true);
    expect(isBareProblem(await changeAccount(randomUUID(), { disabled: true }), 404)).toBe(true);
  });
});
