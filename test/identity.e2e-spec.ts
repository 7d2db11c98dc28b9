import { randomUUID } from 'node:crypto';
import { GATEWAY_PORT, apps } from './support/test-env';
import { http } from './support/http';
import { API, DEMO_PASSWORD, as, tokenFor } from './support/api';

jest.setTimeout(120_000);

describe('identity and reference data through the gateway', () => {
  beforeAll(() => apps.start('gateway'));
  afterAll(() => apps.release('gateway'));

  it('signs a demo focal point in and tells it who it is', async () => {
    const signIn = await http<{ accessToken: string; tokenType: string; expiresIn: number }>(
      `${API}/auth/token`,
      {
        method: 'POST',
        json: { username: 'fp-pak', password: DEMO_PASSWORD },
      },
    );
    expect(signIn.status).toBe(200);
    expect(signIn.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const [header] = signIn.body.accessToken.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toMatchObject({
      alg: 'RS256',
    });

    const me = await as('fp-pak', 'GET', '/me');
    expect(me.body).toMatchObject({
      username: 'fp-pak',
      role: 'focal_point',
      party: 'PAK',
      officerId: null,
    });
    expect((await as('secretariat', 'GET', '/me')).body).toMatchObject({
      role: 'secretariat',
      party: null,
    });
  });

  it('refuses a wrong password, a missing token and a forged one with 401 problem+json', async () => {
    const wrong = await http<{ status: number }>(`${API}/auth/token`, {
      method: 'POST',
      json: { username: 'fp-srb', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect((await http(`${API}/me`)).status).toBe(401);
    const token = await tokenFor('fp-srb');
    const [header, , signature] = token.split('.');
    const forgedClaims = Buffer.from(
      JSON.stringify({ sub: randomUUID(), username: 'admin', role: 'admin', party: null }),
    ).toString('base64url');
    const forged = await http(`${API}/me`, {
      headers: { authorization: `Bearer ${header}.${forgedClaims}.${signature}` },
    });
    expect(forged.status).toBe(401);
  });

  it('lets only an admin create accounts, validates them, and refuses a taken username', async () => {
    const username = `fp-srb-${randomUUID().slice(0, 6)}`;
    const body = {
      username,
      password: 'a long enough passphrase',
      role: 'focal_point',
      party: 'SRB',
    };
    expect((await as('fp-srb', 'POST', '/users', { json: body })).status).toBe(403);
    const created = await as<{ username: string; party: string }>('admin', 'POST', '/users', {
      json: body,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username, party: 'SRB', role: 'focal_point' });
    expect((await as('admin', 'POST', '/users', { json: body })).status).toBe(409);
    expect((await tokenFor(username, 'a long enough passphrase')).length).toBeGreaterThan(100);

    const bad = await as<{ errors: { field: string }[] }>('admin', 'POST', '/users', {
      json: { username: 'Bad Name', password: 'short', role: 'king', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual([
      'extra',
      'password',
      'role',
      'username',
    ]);
    const inconsistent = await as<{ errors: { field: string }[] }>('admin', 'POST', '/users', {
      json: {
        username: `x-${randomUUID().slice(0, 6)}`,
        password: 'a long enough passphrase',
        role: 'focal_point',
        party: 'NOWHERE',
      },
    });
    expect(inconsistent.status).toBe(400);
    expect(inconsistent.body.errors[0]?.field).toBe('party');
  });

  it('replays an account creation repeated with the same Idempotency-Key', async () => {
    const key = randomUUID();
    const body = {
      username: `fp-pak-${randomUUID().slice(0, 6)}`,
      password: 'a long enough passphrase',
      role: 'focal_point',
      party: 'PAK',
    };
    const first = await as<{ id: string }>('admin', 'POST', '/users', {
      json: body,
      headers: { 'idempotency-key': key },
    });
    const again = await as<{ id: string }>('admin', 'POST', '/users', {
      json: body,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const other = await as('admin', 'POST', '/users', {
      json: { ...body, username: `${body.username}-b` },
      headers: { 'idempotency-key': key },
    });
    expect(other.status).toBe(409);
  });

  describe('on a gateway with the default sign-in limit (10 attempts a minute per account)', () => {
    // The suite's shared gateway allows many (every file signs in as the same demo users); this
    // instance counts from nothing with the limit users get.
    const limited = `http://127.0.0.1:${GATEWAY_PORT + 10}/api/v1`;
    beforeAll(() => apps.startWith({ LOGIN_RATE_LIMIT_PER_MINUTE: '10' }, 'gateway@2'));
    afterAll(() => apps.release('gateway@2'));

    it('limits sign-in attempts per username with 429', async () => {
      const attempts = [];
      for (let i = 0; i < 12; i += 1) {
        attempts.push(
          (
            await http(`${limited}/auth/token`, {
              method: 'POST',
              json: { username: 'fp-hun', password: 'guess' },
            })
          ).status,
        );
      }
      expect(attempts.slice(0, 10).every((status) => status === 401)).toBe(true);
      expect(attempts.slice(10)).toEqual([429, 429]);
      // Another user from the same address is not locked out.
      expect(
        (
          await http(`${limited}/auth/token`, {
            method: 'POST',
            json: { username: 'fp-aut', password: DEMO_PASSWORD },
          })
        ).status,
      ).toBe(200);
    });
  });

  it('serves the parties, topics and routes to any signed-in user', async () => {
    const parties = await as<{ code: string }[]>('fp-srb', 'GET', '/parties');
    expect(parties.body.map((p) => p.code)).toEqual(
      expect.arrayContaining(['PAK', 'SRB', 'ICMPD', 'FRONTEX']),
    );
    const topics = await as<{ code: string }[]>('fp-srb', 'GET', '/topics');
    expect(topics.body.map((t) => t.code)).toContain('REINTEGRATION');
    const routes = await as<{ parties: string[] }[]>('fp-srb', 'GET', '/routes');
    expect(routes.body[0]?.parties.length).toBeGreaterThan(3);
  });
});
