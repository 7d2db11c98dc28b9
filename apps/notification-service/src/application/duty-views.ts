import { KeptDutyRoster } from '../infrastructure/persistence/duty-rosters';
import { DutyPage } from '../infrastructure/persistence/duty-pages';
import { onDutyAt } from '../domain/duty-roster';

/**
 * A roster as its party's focal points and the secretariat read it: who when, the fallback, and
 * who is on duty now. Never the e-mail addresses it keeps for paging (they are the accounts').
 */
export function dutyRosterView(party: string, roster: KeptDutyRoster | null, now: Date) {
  return {
    party,
    slots: (roster?.slots ?? []).map((s) => ({
      userId: s.userId,
      from: s.from.toISOString(),
      to: s.to.toISOString(),
    })),
    fallbackUserId: roster?.fallback.userId ?? null,
    onDutyNow: roster ? (onDutyAt(roster, now)?.userId ?? null) : null,
    updatedAt: roster?.updatedAt.toISOString() ?? null,
  };
}

/** A page as one it reached sees it when acknowledging: the rung, the request, the acknowledgement. */
export function dutyPageView(page: DutyPage) {
  return {
    id: page.id,
    party: page.party,
    subject: page.subject,
    step: page.step,
    pagedAt: page.pagedAt.toISOString(),
    acknowledgedAt: page.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: page.acknowledgedBy,
  };
}
