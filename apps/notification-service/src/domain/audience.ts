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
  | { role: 'secretariat' }
  /**
   * One person, by account: a duty page is for whoever is on duty, not for the whole party. The
   * party is the one the page was made for, and part of the key: the page is in that person's
   * inbox only while they are a focal point of that party.
   */
  | { role: 'user'; userId: string; party: string | null };

export const focalPointsOf = (party: string): Audience => ({ role: 'focal_point', party });
export const officer = (officerId: string, postingId: string | null): Audience => ({
  role: 'liaison_officer',
  officerId,
  postingId,
});
export const SECRETARIAT: Audience = { role: 'secretariat' };
export const onePerson = (userId: string, party: string | null): Audience => ({
  role: 'user',
  userId,
  party,
});

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
    case 'user':
      // The party is part of the key: a person's pages are theirs only while they act for it.
      return `user:${audience.userId}:${audience.party ?? 'no-party'}`;
  }
}

/**
 * The audiences a caller belongs to, as keys: its role's audience (a party's focal points, the
 * officer on its current posting, the secretariat), if any, and, for a focal point, itself as one
 * person of its party (what is addressed to its account alone, a duty page). Only focal points
 * are paged, for their party; once an account acts for another party or in another role, what was
 * addressed to it for the first is out of its inbox, like everything else of that party's. An admin
 * belongs to none: nothing is ever addressed to it. The inbox query selects exactly `audience_key = any(inboxKeyOf(caller))`, so
 * the SQL cannot drift from this rule. `currentPostingId` is the officer's ACTIVE posting, as the
 * service's projection of postings knows it.
 */
export function inboxKeyOf(
  actor: Pick<Actor, 'userId' | 'role' | 'party' | 'officerId'>,
  currentPostingId: string | null = null,
): string[] {
  if (actor.role === 'admin' || actor.role === 'chair') return [];
  const own = roleAudienceOf(actor, currentPostingId);
  const person =
    actor.role === 'focal_point' && actor.party ? onePerson(actor.userId, actor.party) : null;
  return [own, person].flatMap((audience) => (audience ? [audienceKey(audience)] : []));
}

/**
 * The one role audience a caller belongs to; null for a focal point without a party or an officer
 * account without an officer or not on an ACTIVE posting now.
 */
function roleAudienceOf(
  actor: Pick<Actor, 'role' | 'party' | 'officerId'>,
  currentPostingId: string | null,
): Audience | null {
  const role: Role = actor.role;
  switch (role) {
    case 'focal_point':
      return actor.party ? focalPointsOf(actor.party) : null;
    case 'liaison_officer':
      return actor.officerId && currentPostingId
        ? officer(actor.officerId, currentPostingId)
        : null;
    case 'secretariat':
      return SECRETARIAT;
    case 'admin':
    case 'chair':
      return null;
  }
}

/** The party an audience speaks for, if any (for a party's webhooks and duty roster). */
export function partyOf(audience: Audience): string | null {
  return audience.role === 'focal_point' || audience.role === 'user' ? audience.party : null;
}
