import { EMAIL_MAX_ATTEMPTS, nextEmailAttempt } from './email-retry';

describe('retrying an e-mail', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  const after = (attempts: number) =>
    (nextEmailAttempt(attempts, now)?.getTime() ?? 0) - now.getTime();

  it('backs off from 10 seconds, doubling, at most an hour apart', () => {
    expect(after(0)).toBe(10_000);
    expect(after(1)).toBe(20_000);
    expect(after(5)).toBe(320_000);
    expect(after(12)).toBe(3_600_000);
  });

  it('gives up after its last attempt', () => {
    expect(nextEmailAttempt(EMAIL_MAX_ATTEMPTS - 2, now)).not.toBeNull();
    expect(nextEmailAttempt(EMAIL_MAX_ATTEMPTS - 1, now)).toBeNull();
  });
});
