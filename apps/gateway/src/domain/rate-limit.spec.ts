import { judge, rateLimitSubject } from './rate-limit';

const policy = { limit: 5, windowSeconds: 60 };

describe('judge', () => {
  it('allows the first request and says how many remain and when the window resets', () => {
    expect(judge(policy, { hits: 1, secondsLeft: 41.2 })).toEqual({
      allowed: true,
      remaining: 4,
      resetSeconds: 42,
      headers: {
        'ratelimit-policy': '"default";q=5;w=60',
        ratelimit: '"default";r=4;t=42',
      },
    });
  });

  it('allows the request that uses up the quota, with none remaining', () => {
    const verdict = judge(policy, { hits: 5, secondsLeft: 10 });
    expect(verdict.allowed).toBe(true);
    expect(verdict.headers.ratelimit).toBe('"default";r=0;t=10');
    expect(verdict.headers['retry-after']).toBeUndefined();
  });

  it('refuses the next one and tells the caller when to retry', () => {
    const verdict = judge(policy, { hits: 6, secondsLeft: 9.01 });
    expect(verdict.allowed).toBe(false);
    expect(verdict.headers).toMatchObject({ ratelimit: '"default";r=0;t=10', 'retry-after': '10' });
  });

  it('never says "retry in 0 seconds" nor later than one window', () => {
    expect(judge(policy, { hits: 9, secondsLeft: 0.0001 }).headers['retry-after']).toBe('1');
    expect(judge(policy, { hits: 9, secondsLeft: -0.5 }).resetSeconds).toBe(1);
    expect(judge(policy, { hits: 9, secondsLeft: 60.4 }).resetSeconds).toBe(60);
  });

  it('writes the fields as structured-field lists of the draft', () => {
    const { headers } = judge({ limit: 600, windowSeconds: 3600 }, { hits: 17, secondsLeft: 5 });
    expect(headers['ratelimit-policy']).toMatch(/^"[a-z]+";q=\d+;w=\d+$/);
    expect(headers.ratelimit).toMatch(/^"[a-z]+";r=\d+;t=\d+$/);
  });
});

describe('rateLimitSubject', () => {
  it('counts a signed-in caller by user, whatever address it comes from', () => {
    const userId = '0b7e3a52-5a3f-4c2e-9d61-6f1f0c4f2a10';
    expect(rateLimitSubject(userId, '10.0.0.1')).toBe(rateLimitSubject(userId, '10.0.0.2'));
  });

  it('counts a caller without a token by address, apart from any user', () => {
    expect(rateLimitSubject(undefined, '10.0.0.1')).toBe('address:10.0.0.1');
    expect(rateLimitSubject(undefined, '10.0.0.1')).not.toBe(
      rateLimitSubject(undefined, '10.0.0.2'),
    );
  });
});
