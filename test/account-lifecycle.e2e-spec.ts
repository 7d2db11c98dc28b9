import { randomUUID } from 'node:crypto';
import { GATEWAY_PORT, apps } from './support/test-env';
import { http } from './support/http';
import { as } from './support/api';
import {
  AccountBody,
  changeAccount,
  createTestAccount,
  freshToken,
  isBareProblem,
  signIn,
  withToken,
} from './support/account-fixtures';
import {
  DocumentedOperation,
  PUBLIC_OPERATIONS,
  describeOperation,
  documentedOperations,
} from './support/openapi-operations';

jest.setTimeout(180_000);

const call = (operation: DocumentedOperation, token?: string) =>
  http(`http://127.0.0.1:${GATEWAY_PORT}${operation.path}`, {
    method: operation.method,
    ...(['POST', 'PUT', 'PATCH'].includes(operation.method) ? { json: {} } : {}),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('account life cycle: disable, successor, role, reset, own password', () => {
  let operations: DocumentedOperation[];

  beforeAll(async () => {
    await apps.start('gateway');
    operations = await documentedOperations();
  });
  afterAll(() => apps.release('gateway'));

  it('refuses a disabled account’s still-valid token at once on every documented route', async () => {
    const account = await createTestAccount();
    const token = await freshToken(account.username, account.password);
    expect((await withToken(token, 'GET', '/me')).status).toBe(200);
    expect((await withToken(token, 'GET', '/parties')).status).toBe(200);

    const disabled = await changeAccount<AccountBody>(account.id, { disabled: true });
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
    const enabled = await changeAccount<AccountBody>(account.id, { disabled: false });
    expect(enabled.body.disabled).toBe(false);
    expect(isBareProblem(await withToken(oldToken, 'GET', '/me'), 401)).toBe(true);
    const newToken = await freshToken(account.username, account.password);
    expect((await withToken<AccountBody>(newToken, 'GET', '/me')).body.username).toBe(
      account.username,
    );
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
    const named = await changeAccount<AccountBody>(leaving.id, {
      successorId: taking.id,
      disabled: true,
    });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ successorId: taking.id, disabled: true });

    const shown = await as<AccountBody>('admin', 'GET', `/users/${leaving.id}`);
    expect(shown.body.successorId).toBe(taking.id);
    expect(shown.headers.get('etag')).toBe(`"${shown.body.version}"`);
    const cleared = await changeAccount<AccountBody>(leaving.id, { successorId: null });
    expect(cleared.body.successorId).toBeNull();
  });

  it('resets a password: the temporary one opens only /me and /me/password until it is changed', async () => {
    const account = await createTestAccount();
    const before = await freshToken(account.username, account.password);
    const reset = await changeAccount<AccountBody>(account.id, { resetPassword: true });
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
    const me = await withToken<AccountBody>(token, 'GET', '/me');
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
    expect((await withToken<AccountBody>(own, 'GET', '/me')).body.passwordChangeRequired).toBe(
      false,
    );
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
    const promoted = await changeAccount<AccountBody>(secretariat.id, { role: 'admin' });
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
    expect((await as<AccountBody>('admin', 'GET', `/users/${icmpd.id}`)).body.role).toBe(
      'focal_point',
    );
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
});
