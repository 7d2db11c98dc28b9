import { clientNetwork } from './client-network';
/**
 * The per-caller quota of the API contract ("rate limits on every route, per user"): at most `limit` requests
 * in each fixed window of `windowSeconds`, counted per signed-in user, or per client address for a
 * request without one (signing in). Fixed windows need one counter row per caller and window,
 * shared by every gateway instance; a burst across a window boundary may reach twice the limit,
 * which is acceptable for a guard against floods, not a billing meter.
 */
export interface RateLimitPolicy {
  limit: number;
  windowSeconds: number;
}

/** The caller's count in the current window, after this request, and the seconds the window has left. */
export interface WindowCount {
  hits: number;
  secondsLeft: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  remaining: number;
  /** Whole seconds until the window resets: never 0, never longer than the window. */
  resetSeconds: number;
  headers: Record<string, string>;
}

/** The one policy of this API, by the name the RateLimit fields refer to it with. */
export const RATE_LIMIT_POLICY_NAME = 'default';

/** Whom a request counts against: the verified user, else the address it came from. */
export function rateLimitSubject(userId: string | undefined, address: string): string {
  return userId ? `user:${userId}` : `address:${clientNetwork(address)}`;
}

/**
 * Allowed while the count stays within the limit. The fields follow the IETF draft "RateLimit
 * header fields for HTTP" (draft-ietf-httpapi-ratelimit-headers-09 and later): structured-field
 * lists naming the policy, `q` quota and `w` window in RateLimit-Policy, `r` remaining and `t`
 * seconds to reset in RateLimit; a refusal adds Retry-After, which the draft says clients obey
 * first.
 */
export function judge(policy: RateLimitPolicy, count: WindowCount): RateLimitVerdict {
  const allowed = count.hits <= policy.limit;
  const remaining = Math.max(0, policy.limit - count.hits);
  const resetSeconds = Math.min(policy.windowSeconds, Math.max(1, Math.ceil(count.secondsLeft)));
  const name = `"${RATE_LIMIT_POLICY_NAME}"`;
  return {
    allowed,
    remaining,
    resetSeconds,
    headers: {
      'ratelimit-policy': `${name};q=${policy.limit};w=${policy.windowSeconds}`,
      ratelimit: `${name};r=${remaining};t=${resetSeconds}`,
      ...(allowed ? {} : { 'retry-after': String(resetSeconds) }),
    },
  };
}
