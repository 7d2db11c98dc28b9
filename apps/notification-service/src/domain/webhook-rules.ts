import { NotificationKind } from '@bp/domain-kernel';
import { Audience, partyOf } from './audience';

/** A party keeps at most this many webhooks: each is called for every matching notification. */
export const WEBHOOKS_PER_PARTY = 10;

/**
 * What is wrong with a target URL before any address is looked at, or null: only http and https,
 * no user or password in it (they would travel in every request and show in every listing).
 */
export function targetUrlProblem(url: URL): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `only http and https targets are allowed, not ${url.protocol.replace(':', '')}`;
  if (url.username || url.password) return 'a target URL may not carry a user or a password';
  return null;
}

/**
 * Which party's webhooks a notification goes to: the party whose focal points it is addressed to,
 * and no other. A notification for an officer on a posting is never sent to a party's webhook: the
 * officer's assignment does not let its sending or host party's focal points see the request
 * (rfi-service need to know), so neither may their case system. The secretariat has no party.
 */
export function webhookPartyOf(audience: Audience): string | null {
  return partyOf(audience);
}

/** Whether a webhook asked for this kind of notification. */
export function subscribesTo(events: readonly string[], kind: NotificationKind): boolean {
  return events.includes(kind);
}

/** A secret replaced by a rotation signs beside the new one until then. */
export interface SecretsOnFile<S> {
  current: S;
  previous: S | null;
  previousUntil: Date | null;
}

/**
 * The secrets that sign a delivery now: the current one, and the one it replaced while the overlap
 * window lasts (Standard Webhooks allows several signatures), so a receiver switching secrets
 * verifies every delivery with either.
 */
export function signingSecrets<S>(secrets: SecretsOnFile<S>, now: Date): S[] {
  const overlapping =
    secrets.previous !== null && secrets.previousUntil !== null && now < secrets.previousUntil;
  return overlapping ? [secrets.current, secrets.previous as S] : [secrets.current];
}
