/** How a failed delivery is retried (README, WEBHOOK_RETRY_* settings). */
export interface RetryPolicy {
  /** The delay after the first failure; each later one doubles it. */
  baseDelayMs: number;
  /** No delay grows beyond this. */
  maxDelayMs: number;
  /** Counted from when the delivery was queued (or redelivered): no attempt is made after it. */
  windowMs: number;
}

/**
 * The delay before the attempt that follows `failures` failed ones: exponential, capped, and
 * jittered into its upper half so that many deliveries that failed together (a receiver down for
 * an hour) do not all come back at the same instant. `random` is in [0, 1).
 */
export function retryDelayMs(failures: number, policy: RetryPolicy, random: number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 40);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/**
 * When to try a failed delivery again, or null when the window is over: then it is given up, and
 * its webhook disabled.
 */
export function nextAttemptAt(
  failures: number,
  policy: RetryPolicy,
  window: { queuedAt: Date; now: Date },
  random: number,
): Date | null {
  const next = new Date(window.now.getTime() + retryDelayMs(failures, policy, random));
  const closes = window.queuedAt.getTime() + policy.windowMs;
  return next.getTime() <= closes ? next : null;
}
