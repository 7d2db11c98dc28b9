import { generateKeyPairSync } from 'node:crypto';
import { apps, GATEWAY_PORT } from '../support/test-env';
import { API } from '../support/api';
import { http } from '../support/http';
import {
  TestAccount,
  changeAccount,
  createTestAccount,
  freshToken,
  isBareProblem,
  withToken,
} from '../support/account-fixtures';
import { craftJwt, decodeJwt, testSigningKeys } from '../support/jwt-forgery';
import { rawRequest } from '../support/raw-http';

jest.setTimeout(120_000);

/**
 * API2:2023 Broken Authentication: every token the gateway did not issue, or issued but no longer
 * honours, and every malformed Authorization header is refused with 401 problem+json and nothing
 * else. Each forgery is built from a token the gateway really issued, and a control re-signed the
 * honest way is accepted, so each refusal is due to the one thing changed.
 */
describe('API2: broken authentication', () => {
  let account: TestAccount;
  let token: string;
  let claims: Record<string, unknown>;
  let keys: { privateKey: string; publicKey: string };
  const now = () => Math.floor(Date.now() / 1000);

  /** The protected routes each forgery is tried on: the caller's own account, and an admin list. */
  const tryEverywhere = async (authorization: string) => {
    const answers = [];
    for (const path of ['/me', '/users', '/rfis']) {
      answers.push(await http(`${API}${path}`, { headers: { authorization } }));
    }
    return answers;
  };

  beforeAll(async () => {
    await apps.start('gateway');
    account = await createTestAccount({ prefix: 'api2' });
    token = await freshToken(account.username, account.password);
    claims = decodeJwt(token).payload;
    keys = testSigningKeys();
  });
  afterAll(() => apps.release('gateway'));

  it('accepts a token re-signed with the gateway’s own private key: the control for what follows', async () => {
    const resigned = craftJwt(
      { ...claims, iat: now(), exp: now() + 300 },
      { alg: 'RS256', privateKey: keys.privateKey },
    );
    const me = await withToken<{ username: string }>(resigned, 'GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(account.username);
  });

  const forgeries: [string, () => string][] = [
    ['alg none, no signature', () => craftJwt({ ...claims }, { alg: 'none' })],
    [
      'alg none, with the real signature kept',
      () => `${craftJwt({ ...claims }, { alg: 'none' })}${token.split('.')[2]}`,
    ],
    [
      'HS256 with the gateway’s public key as the HMAC secret',
      () => craftJwt({ ...claims }, { alg: 'HS256', secret: keys.publicKey }),
    ],
    [
      'expired a minute ago',
      () =>
        craftJwt(
          { ...claims, iat: now() - 1000, exp: now() - 60 },
          { alg: 'RS256', privateKey: keys.privateKey },
        ),
    ],
    [
      'for another audience',
      () =>
        craftJwt(
          { ...claims, aud: 'another-system' },
          { alg: 'RS256', privateKey: keys.privateKey },
        ),
    ],
    [
      'from another issuer',
      () =>
        craftJwt({ ...claims, iss: 'someone-else' }, { alg: 'RS256', privateKey: keys.privateKey }),
    ],
    [
      'signed with another RSA key',
      () =>
        craftJwt(
          { ...claims },
          {
            alg: 'RS256',
            privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 })
              .privateKey.export({ type: 'pkcs8', format: 'pem' })
              .toString(),
          },
        ),
    ],
    [
      'with its payload swapped for an admin’s claims',
      () => {
        const [header, , signature] = token.split('.');
        const payload = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString(
          'base64url',
        );
        return `${header}.${payload}.${signature}`;
      },
    ],
    [
      'without the token generation claim',
      () => {
        const { gen: _gen, ...rest } = claims;
        return craftJwt(rest, { alg: 'RS256', privateKey: keys.privateKey });
      },
    ],
    [
      'of a generation the account has left behind',
      () =>
        craftJwt(
          { ...claims, gen: Number(claims.gen) + 1 },
          { alg: 'RS256', privateKey: keys.privateKey },
        ),
    ],
  ];

  it.each(forgeries)('refuses a token %s', async (_, forge) => {
    for (const answer of await tryEverywhere(`Bearer ${forge()}`)) {
      expect(isBareProblem(answer, 401)).toBe(true);
      expect(JSON.stringify(answer.body)).not.toContain(account.username);
    }
  });

  it('trusts the account, not the role a validly signed token claims', async () => {
    const claimsAdmin = craftJwt(
      { ...claims, role: 'admin', party: null },
      { alg: 'RS256', privateKey: keys.privateKey },
    );
    const me = await withToken<{ role: string }>(claimsAdmin, 'GET', '/me');
    expect(me.body.role).toBe('focal_point');
    expect(isBareProblem(await withToken(claimsAdmin, 'GET', '/users'), 403)).toBe(true);
  });

  it('refuses the still-valid token of a user disabled a moment ago', async () => {
    const user = await createTestAccount({ prefix: 'api2' });
    const userToken = await freshToken(user.username, user.password);
    expect((await withToken(userToken, 'GET', '/me')).status).toBe(200);
    expect((await changeAccount(user.id, { disabled: true })).status).toBe(200);
    for (const answer of await tryEverywhere(`Bearer ${userToken}`)) {
      expect(isBareProblem(answer, 401)).toBe(true);
      expect(JSON.stringify(answer.body)).not.toContain(user.username);
    }
  });

  it.each([
    ['no scheme', () => token],
    ['two spaces after Bearer', () => `Bearer  ${token}`],
    ['a tab after Bearer', () => `Bearer\t${token}`],
    ['the scheme in lower case', () => `bearer ${token}`],
    ['the scheme in upper case', () => `BEARER ${token}`],
    [
      'Basic with the password',
      () => `Basic ${Buffer.from(`${account.username}:${account.password}`).toString('base64')}`,
    ],
    ['another scheme', () => `Token ${token}`],
    ['Bearer and nothing', () => 'Bearer'],
    ['two tokens in one header', () => `Bearer ${token} ${token}`],
    ['two credentials joined by a comma', () => `Bearer ${token}, Bearer ${token}`],
    ['the token with a character more', () => `Bearer ${token}A`],
  ])('refuses an Authorization header with %s', async (_, header) => {
    for (const answer of await tryEverywhere(header())) {
      expect(isBareProblem(answer, 401)).toBe(true);
      expect(JSON.stringify(answer.body)).not.toContain(account.username);
    }
  });

  it('refuses two Authorization header lines, even when the first alone would be accepted', async () => {
    const url = `http://127.0.0.1:${GATEWAY_PORT}/api/v1/me`;
    const single = await rawRequest(url, { headers: { authorization: `Bearer ${token}` } });
    expect(single.status).toBe(200);
    for (const lines of [
      [`Bearer ${token}`, `Bearer ${token}`],
      [`Bearer ${token}`, 'Basic eDp5'],
    ]) {
      const answer = await rawRequest(url, { headers: { authorization: lines } });
      expect(answer.status).toBe(401);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.text).not.toContain(account.username);
    }
  });
});
