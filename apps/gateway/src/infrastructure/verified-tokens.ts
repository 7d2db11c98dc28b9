import { KeyObject } from 'node:crypto';

interface Verified {
  key: KeyObject;
  claims: Record<string, unknown>;
  /** When the token expires (its `exp`, in ms): a hit after that is a miss. */
  expiresAtMs: number;
}

/**
 * Access tokens whose signature and claims this gateway has checked, until they expire. A client
 * sends the same token with every request for its lifetime; checking the RS256 signature once per
 * token instead of once per request is the same judgement, as the signature, issuer and audience
 * of a given token text cannot change. What can change is checked on every request all the same:
 * expiry here, the key (a token whose key was retired from the ring is checked again, and refused
 * once the key is gone), and the account behind the token (AuthenticationGuard).
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Verified>();

  /** `capacity`: tokens kept at most; the oldest kept goes first (a few hundred users in all). */
  constructor(private readonly capacity = 2_000) {}

  /** The claims of `token` if it was verified with `key` and has not expired by `nowMs`. */
  claimsOf(token: string, key: KeyObject, nowMs: number): Record<string, unknown> | null {
    const verified = this.entries.get(token);
    if (!verified) return null;
    if (verified.key !== key || nowMs >= verified.expiresAtMs) {
      this.entries.delete(token);
      return null;
    }
    return verified.claims;
  }

  /** Keeps what verifying `token` with `key` found; a token without an expiry is not kept. */
  remember(token: string, key: KeyObject, claims: Record<string, unknown>): void {
    if (typeof claims.exp !== 'number') return;
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { key, claims, expiresAtMs: claims.exp * 1000 });
  }
}
