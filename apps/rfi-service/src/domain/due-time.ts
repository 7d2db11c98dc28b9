import { Priority } from '@bp/domain-kernel';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * Time a recipient has to answer, by priority: URGENT 8 h (life-saving cases; the EU's 2023/977
 * directive uses 8 h for urgent requests), HIGH 3 days, NORMAL 7 days, LOW 28 days (a typical
 * multilateral questionnaire). Configurable per deployment.
 */
export type ResponseTimes = Record<Priority, number>;

export const DEFAULT_RESPONSE_TIMES: ResponseTimes = {
  URGENT: 8 * HOUR,
  HIGH: 3 * DAY,
  NORMAL: 7 * DAY,
  LOW: 28 * DAY,
};

export function dueAt(
  assignedAt: Date,
  priority: Priority,
  times: ResponseTimes = DEFAULT_RESPONSE_TIMES,
): Date {
  return new Date(assignedAt.getTime() + times[priority]);
}

/**
 * A clock that stops while the requester owes a clarification: when it resumes, the due time moves
 * by exactly the time it stood still.
 */
export interface PausableClock {
  dueAt: Date;
  pausedSince: Date | null;
}

export function pause(clock: PausableClock, now: Date): PausableClock {
  return clock.pausedSince ? clock : { dueAt: clock.dueAt, pausedSince: now };
}

export function resume(clock: PausableClock, now: Date): PausableClock {
  if (!clock.pausedSince) return clock;
  const stood = Math.max(0, now.getTime() - clock.pausedSince.getTime());
  return { dueAt: new Date(clock.dueAt.getTime() + stood), pausedSince: null };
}

/** Overdue only while running: a paused clock is never overdue. */
export function isPastDue(clock: PausableClock, now: Date): boolean {
  return clock.pausedSince === null && now.getTime() > clock.dueAt.getTime();
}

/**
 * When an assignment has used `share` of its time (0 < share < 1): from when it was assigned to
 * its due time as it stands now, so a clarification pause, which moves the due time, moves this
 * moment too (by `share` of the pause).
 */
export function dueSoonAt(assignedAt: Date, clock: PausableClock, share: number): Date {
  const span = clock.dueAt.getTime() - assignedAt.getTime();
  return new Date(assignedAt.getTime() + share * span);
}

/**
 * Due soon: the clock runs, `share` of the time is used, and it is not yet past due (an overdue
 * assignment is told by the escalation ladder instead, so a reminder would come too late to help).
 */
export function isDueSoon(
  assignedAt: Date,
  clock: PausableClock,
  share: number,
  now: Date,
): boolean {
  return (
    clock.pausedSince === null &&
    !isPastDue(clock, now) &&
    now.getTime() >= dueSoonAt(assignedAt, clock, share).getTime()
  );
}

/** Parses settings like `URGENT=8h,HIGH=3d` into response times, keeping the defaults for the rest. */
export function parseResponseTimes(setting: string | undefined): ResponseTimes {
  const times = { ...DEFAULT_RESPONSE_TIMES };
  for (const part of (setting ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(URGENT|HIGH|NORMAL|LOW)=(\d+)(s|m|h|d)$/.exec(part);
    if (!match) throw new Error(`Invalid response time "${part}" (expected e.g. URGENT=8h)`);
    const unit = { s: 1_000, m: 60_000, h: HOUR, d: DAY }[match[3] as 's' | 'm' | 'h' | 'd'];
    times[match[1] as Priority] = Number(match[2]) * unit;
  }
  return times;
}
