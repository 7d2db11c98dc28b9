import { DutyContact, DutyRoster, onDutyAt } from './duty-roster';

/** The rungs of a page: the person on duty, the party's fallback, then the secretariat. */
export const PAGE_STEPS = ['ON_DUTY', 'FALLBACK', 'SECRETARIAT'] as const;
export type PageStep = (typeof PAGE_STEPS)[number];

/** Who a page reaches at one step: a person of the party, or the secretariat as a whole. */
export type PageTarget =
  | { step: 'ON_DUTY' | 'FALLBACK'; contact: DutyContact }
  | { step: 'SECRETARIAT' };

/**
 * Whom an URGENT request routed to a party pages first: the person on duty at that moment; with a
 * roster but nobody on duty, its fallback at once; with no roster, the secretariat at once (it is
 * the last rung of every ladder, and a party without a roster has named no one else).
 */
export function firstPageTarget(roster: DutyRoster | null, at: Date): PageTarget {
  if (!roster) return { step: 'SECRETARIAT' };
  const onDuty = onDutyAt(roster, at);
  return onDuty
    ? { step: 'ON_DUTY', contact: onDuty }
    : { step: 'FALLBACK', contact: roster.fallback };
}

/**
 * The next rung after an unacknowledged step, with the fallback the roster had when the page was
 * made: the fallback after the person on duty (unless they are the same person, who was already
 * paged), the secretariat after the fallback, and nobody after the secretariat.
 */
export function nextPageTarget(
  current: { step: PageStep; userId: string | null },
  fallback: DutyContact | null,
): PageTarget | null {
  switch (current.step) {
    case 'ON_DUTY':
      return fallback && fallback.userId !== current.userId
        ? { step: 'FALLBACK', contact: fallback }
        : { step: 'SECRETARIAT' };
    case 'FALLBACK':
      return { step: 'SECRETARIAT' };
    case 'SECRETARIAT':
      return null;
  }
}

/** When an unacknowledged step climbs to the next: never after the last rung. */
export function escalationDueAt(step: PageStep, pagedAt: Date, ackTimeoutMs: number): Date | null {
  return step === 'SECRETARIAT' ? null : new Date(pagedAt.getTime() + ackTimeoutMs);
}

/**
 * Who may acknowledge a page: anyone it has reached so far (the person on duty stays able to after
 * it climbed to the fallback), and, once it reached the secretariat, any member of it. A colleague
 * of the same party who was not paged may not: an acknowledgement says "I have it", and the party's
 * focal points all see the routing in their inbox anyway.
 */
export function mayAcknowledge(
  page: { pagedUserIds: readonly string[]; step: PageStep },
  caller: { userId: string; role: string },
): boolean {
  return (
    page.pagedUserIds.includes(caller.userId) ||
    (page.step === 'SECRETARIAT' && caller.role === 'secretariat')
  );
}
