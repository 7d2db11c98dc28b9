import { RetryPolicy, nextAttemptAt, retryDelayMs } from './delivery-schedule';

const DAY = 86_400_000;
/** The largest jitter draw: each delay at its ceiling. */
const TOP = 1 - Number.EPSILON;
const policy: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, windowMs: DAY };

describe('the retry schedule of a webhook delivery', () => {
  it('doubles from the base delay up to the cap, at the top of its jitter', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map((n) => retryDelayMs(n, policy, TOP));
    expect(delays).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000,
      3_600_000,
    ]);
  });

  it('jitters into the upper half of each delay, never below it', () => {
    expect(retryDelayMs(3, policy, 0)).toBe(60_000);
    expect(retryDelayMs(3, policy, 0.5)).toBe(90_000);
    for (let i = 0; i < 50; i++) {
      const delay = retryDelayMs(4, policy, Math.random());
      expect(delay).toBeGreaterThanOrEqual(120_000);
      expect(delay).toBeLessThanOrEqual(240_000);
    }
  });

  it('answers the next attempt inside the window, and none once it would fall after it', () => {
    const queuedAt = new Date('2026-11-28T00:00:00Z');
    const early = new Date('2026-11-28T01:00:00Z');
    expect(nextAttemptAt(2, policy, { queuedAt, now: early }, 0)).toEqual(
      new Date(early.getTime() + 30_000),
    );
    const late = new Date(queuedAt.getTime() + DAY - 10_000);
    expect(nextAttemptAt(2, policy, { queuedAt, now: late }, 0)).toBeNull();
  });

  it('retries about twenty times in a day with the defaults', () => {
    const queuedAt = new Date('2026-11-28T00:00:00Z');
    let now = queuedAt;
    let failures = 0;
    for (;;) {
      const next = nextAttemptAt(++failures, policy, { queuedAt, now }, TOP);
      if (!next) break;
      now = next;
    }
    expect(failures).toBeGreaterThan(20);
    expect(failures).toBeLessThan(40);
    expect(now.getTime() - queuedAt.getTime()).toBeLessThanOrEqual(DAY);
  });
});
