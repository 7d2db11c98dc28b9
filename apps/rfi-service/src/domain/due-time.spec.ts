import {
  DEFAULT_RESPONSE_TIMES,
  dueAt,
  dueSoonAt,
  isDueSoon,
  isPastDue,
  parseResponseTimes,
  pause,
  resume,
} from './due-time';

const t0 = new Date('2026-05-19T09:00:00Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);
const H = 3600_000;

describe('due times', () => {
  it.each([
    ['URGENT', '2026-05-19T17:00:00.000Z'],
    ['HIGH', '2026-05-22T09:00:00.000Z'],
    ['NORMAL', '2026-05-26T09:00:00.000Z'],
    ['LOW', '2026-06-16T09:00:00.000Z'],
  ] as const)('gives %s requests until %s', (priority, expected) => {
    expect(dueAt(t0, priority).toISOString()).toBe(expected);
  });

  it('stops the clock while a clarification is owed and moves the due time by the pause', () => {
    const running = { dueAt: plus(8 * H), pausedSince: null };
    const paused = pause(running, plus(2 * H));
    expect(isPastDue(paused, plus(20 * H))).toBe(false);
    const resumed = resume(paused, plus(5 * H));
    expect(resumed).toEqual({ dueAt: plus(11 * H), pausedSince: null });
    expect(isPastDue(resumed, plus(10 * H))).toBe(false);
    expect(isPastDue(resumed, plus(11 * H + 1))).toBe(true);
  });

  it('ignores a second pause and a resume of a running clock', () => {
    const paused = pause({ dueAt: plus(8 * H), pausedSince: null }, plus(1 * H));
    expect(pause(paused, plus(3 * H))).toBe(paused);
    const running = { dueAt: plus(8 * H), pausedSince: null };
    expect(resume(running, plus(3 * H))).toBe(running);
  });

  it('is not past due at the due instant, only after it', () => {
    expect(isPastDue({ dueAt: plus(H), pausedSince: null }, plus(H))).toBe(false);
  });

  it('reads configured response times and keeps the defaults for the rest', () => {
    const times = parseResponseTimes('URGENT=4h, LOW=30d');
    expect(times.URGENT).toBe(4 * H);
    expect(times.LOW).toBe(30 * 24 * H);
    expect(times.HIGH).toBe(DEFAULT_RESPONSE_TIMES.HIGH);
    expect(() => parseResponseTimes('URGENT=soon')).toThrow('Invalid response time');
  });
});

describe('response times in seconds', () => {
  it('accepts seconds, for short test deployments', () => {
    expect(parseResponseTimes('NORMAL=2s').NORMAL).toBe(2_000);
  });

  it('is due soon from the share of its time used until it is past due', () => {
    const clock = { dueAt: plus(8 * H), pausedSince: null };
    expect(dueSoonAt(t0, clock, 0.75)).toEqual(plus(6 * H));
    expect(isDueSoon(t0, clock, 0.75, plus(6 * H - 1))).toBe(false);
    expect(isDueSoon(t0, clock, 0.75, plus(6 * H))).toBe(true);
    expect(isDueSoon(t0, clock, 0.75, plus(8 * H))).toBe(true);
    // Past due is overdue, not due soon.
    expect(isDueSoon(t0, clock, 0.75, plus(8 * H + 1))).toBe(false);
    expect(isDueSoon(t0, clock, 0.5, plus(4 * H))).toBe(true);
  });

  it('is never due soon while the clock stands still, and a pause moves the moment', () => {
    const paused = pause({ dueAt: plus(8 * H), pausedSince: null }, plus(H));
    expect(isDueSoon(t0, paused, 0.75, plus(7 * H))).toBe(false);
    const resumed = resume(paused, plus(5 * H));
    expect(resumed.dueAt).toEqual(plus(12 * H));
    expect(dueSoonAt(t0, resumed, 0.75)).toEqual(plus(9 * H));
    expect(isDueSoon(t0, resumed, 0.75, plus(7 * H))).toBe(false);
    expect(isDueSoon(t0, resumed, 0.75, plus(9 * H))).toBe(true);
  });
});
