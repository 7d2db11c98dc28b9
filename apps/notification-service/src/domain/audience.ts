import { Actor, Role } from '@bp/domain-kernel';

/**
 * Who a notification is for, in the words of the identity model (libs/domain-kernel Actor): a
 * party's focal points, one liaison officer on one posting (by officer id, whatever account carries
 * it), or the secretariat, a compartment of its own that never stands for ICMPD as a party. A
 * notification is stored once per audience; read marks are per user.
 *
 * An officer is told as the officer on a posting, because what is addressed to them is theirs only
 * while that posting lasts (the rfi-service's isOfficersOwn): once it ends, or under a later
 * posting, those notifications are no longer in their inbox.
 */
export type Audience =
  | { role: 'focal_point'; party: string }
  | { role: 'liaison_officer'; officerId: string; postingId: string | null }
  | { role: 'secretariat' };

export const focalPointsOf = (party: string): Audience => ({ role: 'focal_point', party });
export const officer = (officerId: string, postingId: string | null): Audience => ({
  role: 'liaison_officer',
  officerId,
  postingId,
});
export const SECRETARIAT: Audience = { role: 'secretariat' };

/** One key per audience: the unit a notification is stored once for, and what an inbox selects on. */
export function audienceKey(audience: Audience): string {
  switch (audience.role) {
    case 'focal_point':
      return `focal_point:${audience.party}`;
    case 'liaison_officer':
      // Without a posting (an event from before postings were named) nobody's inbox matches.
      return `liaison_officer:${audience.officerId}:${audience.postingId ?? 'no-posting'}`;
    case 'secretariat':
      return 'secretariat';
  }
}

/**
 * The one audience a caller belongs to, as its key; null for a caller nothing is ever addressed to
 * (an admin, a focal point without a party, an officer account without an officer or not on an
 * ACTIVE posting now). The inbox query selects exactly `audience_key = inboxKeyOf(caller)`, so the
 * SQL cannot drift from this rule. `currentPostingId` is the officer's ACTIVE posting, as the
 * service's projection of postings knows it.
 */
export function inboxKeyOf(
  actor: Pick<Actor, 'role' | 'party' | 'officerId'>,
  currentPostingId: string | null = null,
): string | null {
  const role: Role = actor.role;
  switch (role) {
    case 'focal_point':
      return actor.party ? audienceKey(focalPointsOf(actor.party)) : null;
    case 'liaison_officer':
      return actor.officerId && currentPostingId
        ? audienceKey(officer(actor.officerId, currentPostingId))
        : null;
    case 'secretariat':
      return audienceKey(SECRETARIAT);
    case 'admin':
      return null;
  }
}

/** The party an audience speaks for, if any (for a party's webhooks and duty roster later). */
export function partyOf(audience: Audience): string | null {
  return audience.role === 'focal_point' ? audience.party : null;
}
