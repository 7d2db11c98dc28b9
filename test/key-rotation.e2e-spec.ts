import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { API, DEMO_PASSWORD } from './support/api';
import { decodeJwt } from './support/jwt-forgery';
import { http } from './support/http';
import { ROOT, eventually } from './support/test-env';
import { appsForFile } from './support/apps-for-file';

jest.setTimeout(120_000);

const run = promisify(execFile);

/*
 * `npm run keys:rotate -- --all` on a running system (issue 12, item 5): tokens issued before keep
 * working until they expire, new ones name the new key, and commands keep flowing to the services,
 * whose command key rotated with it.
 */
describe('rotating the signing keys', () => {
  appsForFile('deployment-service');

  const signIn = async () => {
    const result = await http<{ accessToken: string }>(`${API}/auth/token`, {
      method: 'POST',
      json: { username: 'fp-pak', password: DEMO_PASSWORD },
    });
    expect(result.status).toBe(200);
    return result.body.accessToken;
  };
  const get = (token: string, route: string) =>
    http(`${API}${route}`, { headers: { authorization: `Bearer ${token}` } });
  const kidOf = (token: string) => decodeJwt(token).header.kid;

  it('signs nobody out, and new tokens and commands use the new keys', async () => {
    const before = await signIn();
    expect(kidOf(before)).toEqual(expect.any(String));
    expect((await get(before, '/officers')).status).toBe(200);

    const { stdout } = await run(
      process.execPath,
      [path.join(ROOT, 'infra/scripts/rotate-keys.mjs'), '--all', '--profile', 'test'],
      { cwd: ROOT },
    );
    expect(stdout).toMatch(/jwt key rotated .* retired /);
    expect(stdout).toMatch(/command key rotated .* retired /);

    // Sign-ins are rate limited per user: ask every few seconds (the gateway looks every 5 s).
    const after = await eventually(
      'a token signed with the new key',
      async () => {
        const token = await signIn();
        return kidOf(token) !== kidOf(before) && token;
      },
      30_000,
      3_000,
    );
    for (const token of [before, after]) {
      expect((await get(token, '/me')).status).toBe(200);
      // A command: the gateway signs its assertion with the new command key, the service finds it.
      expect((await get(token, '/officers')).status).toBe(200);
    }
  });
});
