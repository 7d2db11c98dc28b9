import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DATABASE_URL, apps } from './support/test-env';
import { as } from './support/api';
import {
  AccountBody,
  TestAccount,
  changeAccount,
  createTestAccount,
  freshToken,
  signIn,
  isBareProblem,
  withToken,
} from './support/account-fixtures';

jest.setTimeout(120_000);

interface AuditLine {
  id: string;
  action: string;
  actor: { userId: string; username: string } | null;
  target: { userId: string; username: string };
  details: Record<string, unknown>;
}

/** What admins see of accounts and of what was done to them, and what everyone else does not. */
describe('account administration: audit log, lists, who may, what is refused', () => {
  let adminId: string;

  beforeAll(async () => {
    await apps.start('gateway');
    adminId = (await as<{ id: string }>('admin', 'GET', '/me')).body.id;
  });
  afterAll(() => apps.release('gateway'));

  it('gives a new account only the way to its holder’s own password: the admin’s choice opens nothing else', async () => {
    const username = `t-${randomUUID().slice(0, 8)}`;
    const initial = `initial passphrase of ${username}`;
    const created = await as<AccountBody>('admin', 'POST', '/users', {
      json: { username, password: initial, role: 'focal_point', party: 'SRB' },
    });
    expect(created.body.passwordChangeRequired).toBe(true);
    const token = await freshToken(username, initial);
    const refused = await withToken(token, 'GET', '/rfis');
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain('items');
    expect((await withToken(token, 'GET', '/me')).status).toBe(200);
  });

  it('records who signed in to an account, and every refused attempt, with the address and no secret', async () => {
    const account = await createTestAccount();
    expect((await signIn(account.username, 'not the password at all')).status).toBe(401);
    expect((await signIn(account.username, account.password)).status).toBe(200);
    await changeAccount(account.id, { disabled: true });
    expect((await signIn(account.username, account.password)).status).toBe(401);
    const log = await as<{ items: AuditLine[] }>(
      'admin',
      'GET',
      `/audit?targetUserId=${account.id}`,
    );
    const attempts = log.body.items.filter((l) => l.action.startsWith('SIGN'));
    expect(attempts.map((l) => [l.action, l.details.reason ?? null])).toEqual([
      ['SIGN_IN_REFUSED', 'DISABLED'],
      ['SIGNED_IN', null],
      ['SIGN_IN_REFUSED', 'WRONG_PASSWORD'],
      ['SIGNED_IN', null],
    ]);
    for (const line of attempts) expect(line.details.address).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    expect(JSON.stringify(log.body)).not.toContain(account.password);
    expect(JSON.stringify(log.body)).not.toContain('not the password at all');
    const refused = await as<{ items: AuditLine[] }>(
      'admin',
      'GET',
      '/audit?action=SIGN_IN_REFUSED',
    );
    expect(refused.status).toBe(200);
  });

  it('records every admin action with the admin who did it, in an append-only log', async () => {
    const target = await createTestAccount();
    const successor = await createTestAccount();
    await changeAccount(target.id, { successorId: successor.id });
    await changeAccount(target.id, { disabled: true });
    await changeAccount(target.id, { disabled: false });
    const reset = await changeAccount<AccountBody>(target.id, { resetPassword: true });
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
      // The holder signed in with the password the admin chose and replaced it, as every new
      // account must.
      'PASSWORD_CHANGED',
      'SIGNED_IN',
      'ACCOUNT_CREATED',
    ]);
    const byHolder = (action: string) => ['PASSWORD_CHANGED', 'SIGNED_IN'].includes(action);
    for (const line of log.body.items.filter((l) => byHolder(l.action)))
      expect(line.actor).toEqual({ userId: target.id, username: target.username });
    for (const line of log.body.items.filter((l) => !byHolder(l.action))) {
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
    const seen: AccountBody[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: AccountBody[]; nextCursor: string | null } } =
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
    expect(seen.every((a) => a.party === 'PAK')).toBe(true);
    expect(Object.keys(seen[0]!).sort()).toEqual(
      [
        'createdAt',
        'disabled',
        'email',
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

    const onlyDisabled = await as<{ items: AccountBody[] }>(
      'admin',
      'GET',
      '/users?party=PAK&disabled=true&limit=100',
    );
    expect(onlyDisabled.body.items.map((a) => a.username)).toContain(disabled.username);
    expect(onlyDisabled.body.items.every((a) => a.disabled)).toBe(true);
    const admins = await as<{ items: AccountBody[] }>(
      'admin',
      'GET',
      '/users?role=admin&limit=100',
    );
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
    expect((await as<AccountBody>('admin', 'GET', `/users/${someone.id}`)).body.disabled).toBe(
      false,
    );
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

    const current = await as<AccountBody>('admin', 'GET', `/users/${account.id}`);
    const stale = await changeAccount(
      account.id,
      { disabled: true },
      {
        'if-match': `"${current.body.version - 1}"`,
      },
    );
    expect(isBareProblem(stale, 412)).toBe(true);
    const fresh = await changeAccount<AccountBody>(
      account.id,
      { disabled: true },
      {
        'if-match': current.headers.get('etag')!,
      },
    );
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).toBe(`"${current.body.version + 1}"`);
    expect((await as<AccountBody>('admin', 'GET', `/users/${account.id}`)).body.disabled).toBe(
      true,
    );

    expect(isBareProblem(await as('admin', 'GET', `/users/${randomUUID()}`), 404)).toBe(true);
    expect(isBareProblem(await changeAccount(randomUUID(), { disabled: true }), 404)).toBe(true);
  });
});
