import { Actor, ForbiddenError, RoleErrors } from '@bp/domain-kernel';

/**
 * Whose figures a caller may see. The secretariat governs the channel and sees every party; so do
 * the chairs, who report to the working groups. A focal point sees its own party's figures only:
 * the requests its party filed and the assignments it received, never a request between two other
 * parties, not even as a count. Nobody else reads statistics.
 */
export type StatisticsScope = { kind: 'ALL_PARTIES' } | { kind: 'ONE_PARTY'; party: string };

const SEES_ALL: ReadonlySet<string> = new Set(['secretariat', 'chair']);

export function statisticsScopeOf(actor: Actor): StatisticsScope {
  if (SEES_ALL.has(actor.role)) return { kind: 'ALL_PARTIES' };
  if (actor.role === 'focal_point' && actor.party) return { kind: 'ONE_PARTY', party: actor.party };
  throw new ForbiddenError(RoleErrors.FORBIDDEN, `A ${actor.role} does not read statistics`);
}
