import { randomUUID } from 'node:crypto';
import { PARTIES } from '@bp/reference';
import { GATEWAY_PORT, apps } from '../support/test-env';
import { DEMO_PASSWORD } from '../support/api';
import { HttpResult } from '../support/http';
import {
  changeAccount,
  createTestAccount,
  isBareProblem,
  signIn,
} from '../support/account-fixtures';
import { rawRequest } from '../support/raw-http';

jest.setTimeout(180_000);

/** gateway@2: low sign-in limits, so the limits are reached in a handful of requests. */
const LIMITED = `http://127.0.0.1:${GATEWAY_PORT + 10}/api/v1`;
const PER_ACCOUNT = 3;
const PER_ADDRESS = 8;
/** gateway@3: one password check at a time and two waiting, so a small flood overflows it. */
const NARROW = `http://127.0.0.1:${GATEWAY_PORT + 20}/api/v1`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const unknownUsername = () => `nobody-${randomUUID().slice(0, 8)}`;

function expectRateLimited(answer: HttpResult) {
  expect(isBareProblem(answer, 429)).toBe(true);
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
}

/**
 * API6:2023 Unrestricted Access to Sensitive Business Flows, for the one flow anyone can reach
 * without an account: signing in. Guessing passwords is limited per account and per address, a
 * flood cannot queue unbounded password hashing, and the answers do not tell which usernames exist.
 */
describe('API6: sensitive business flows (sign-in: brute force, spraying, enumeration)', () => {
  /** Every attempt this file makes on gateway@2 from 127.0.0.1, in order: the limits count them all. */
  let attemptsOnLimited = 0;
  const attemptOnLimited = (username: string, password: string) => {
    attemptsOnLimited += 1;
    return signIn(username, password, LIMITED);
  };

  beforeAll(async () => {
    await apps.start('gateway');
    await apps.startWith(
      {
        LOGIN_RATE_LIMIT_PER_MINUTE: String(PER_ACCOUNT),
        LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: String(PER_ADDRESS),
      },
      'gateway@2',
    );
    await apps.startWith({ PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE: '2' }, 'gateway@3');
  });
  afterAll(() => apps.release('gateway', 'gateway@2', 'gateway@3'));

  it('limits password guesses on one account from one address, before checking any password', async () => {
    for (let i = 0; i < PER_ACCOUNT; i += 1) {
      expect((await attemptOnLimited('fp-hun', 'a wrong guess')).status).toBe(401);
    }
    expectRateLimited(await attemptOnLimited('fp-hun', 'another wrong guess'));
    // Even the right password is not checked any more: guessing on gives nothing away.
    expectRateLimited(await attemptOnLimited('fp-hun', DEMO_PASSWORD));
  });

  it('limits guesses from one address across usernames (spraying), and only that address', async () => {
    while (attemptsOnLimited < PER_ADDRESS) {
      expect((await attemptOnLimited(unknownUsername(), 'a wrong guess')).status).toBe(401);
    }
    expectRateLimited(await attemptOnLimited(unknownUsername(), 'a wrong guess'));
    expectRateLimited(await attemptOnLimited('fp-aut', DEMO_PASSWORD));

    // Linux routes all of 127/8 to loopback: 127.0.0.2 is a second client with its own count.
    const elsewhere = await rawRequest(`${LIMITED}/auth/token`, {
      method: 'POST',
      localAddress: '127.0.0.2',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'fp-aut', password: DEMO_PASSWORD }),
    });
    expect(elsewhere.status).toBe(200);
  });

  it('bounds concurrent password hashing: a flood of made-up usernames gets 503 at once, not a queue', async () => {
    const flood = await Promise.all(
      Array.from({ length: 30 }, () => signIn(unknownUsername(), 'a wrong guess', NARROW)),
    );
    const statuses = flood.map((answer) => answer.status);
    expect(statuses.every((status) => status === 401 || status === 503)).toBe(true);
    const refused = flood.filter((answer) => answer.status === 503);
    const checked = flood.filter((answer) => answer.status === 401);
    expect(refused.length).toBeGreaterThanOrEqual(10);
    expect(checked.length).toBeGreaterThanOrEqual(1);
    for (const answer of refused) {
      expect(isBareProblem(answer, 503)).toBe(true);
      expect(answer.headers.get('retry-after')).toBe('1');
    }
    // Refused without waiting for the hashing ahead of them.
    expect(median(refused.map((a) => a.elapsedMs))).toBeLessThan(
      Math.max(...checked.map((a) => a.elapsedMs)),
    );
    // The flood passed: a real user signs in on the same instance.
    expect((await signIn('fp-pak', DEMO_PASSWORD, NARROW)).status).toBe(200);
  });

  it('answers an unknown username, a wrong password and a disabled account alike, in similar time', async () => {
    const disabled = await createTestAccount({ prefix: 'api6' });
    expect((await changeAccount(disabled.id, { disabled: true })).status).toBe(200);
    const known = PARTIES.filter((party) => party.kind === 'STATE')
      .slice(0, 16)
      .map((party) => `fp-${party.code.toLowerCase().replace(/_/g, '-')}`);
    // One attempt per known account keeps clear of the per-account limit on the main gateway.
    const [warmUp, ...samples] = known;
    await signIn(warmUp!, 'a wrong guess');
    await signIn(unknownUsername(), 'a wrong guess');

    const unknownAnswers: HttpResult[] = [];
    const knownAnswers: HttpResult[] = [];
    for (const username of samples) {
      unknownAnswers.push(await signIn(unknownUsername(), 'a wrong guess'));
      knownAnswers.push(await signIn(username, 'a wrong guess'));
    }
    const disabledAnswer = await signIn(disabled.username, disabled.password);

    const all = [...unknownAnswers, ...knownAnswers, disabledAnswer];
    expect(all.every((answer) => isBareProblem(answer, 401))).toBe(true);
    const bodies = new Set(all.map((answer) => JSON.stringify(answer.body)));
    expect(bodies.size).toBe(1);

    const unknownMedian = median(unknownAnswers.map((a) => a.elapsedMs));
    const knownMedian = median(knownAnswers.map((a) => a.elapsedMs));
    const ratio = unknownMedian / knownMedian;
    expect({ unknownMedian, knownMedian, withinFactorTwo: ratio >= 0.5 && ratio <= 2 }).toEqual({
      unknownMedian,
      knownMedian,
      withinFactorTwo: true,
    });
    // A check that costs nothing would make the comparison meaningless: both paths hash.
    expect(knownMedian).toBeGreaterThan(20);
  });
});
