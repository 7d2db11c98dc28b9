/** How many times an e-mail is tried before it is given up on (about a day of backoff). */
export const EMAIL_MAX_ATTEMPTS = 15;

/**
 * When a failed e-mail is tried again: 10 s after the first failure, doubling, at most an hour
 * apart; null once it has been tried EMAIL_MAX_ATTEMPTS times. A page does not wait for its
 * mail: inbox, stream and webhooks carry it meanwhile.
 */
export function nextEmailAttempt(attemptsSoFar: number, now: Date): Date | null {
  if (attemptsSoFar + 1 >= EMAIL_MAX_ATTEMPTS) return null;
  const delayMs = Math.min(10_000 * 2 ** attemptsSoFar, 3_600_000);
  return new Date(now.getTime() + delayMs);
}
