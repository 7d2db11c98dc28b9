import { DutyRoster } from './duty-roster';
import {
  escalationDueAt,
  firstPageTarget,
  mayAcknowledge,
  nextPageTarget,
} from './page-escalation';

const ANA = { userId: '11111111-1111-4111-8111-111111111111', email: 'ana@example.org' };
const BOJAN = { userId: '22222222-2222-4222-8222-222222222222', email: null };
const NOON = new Date('2026-11-28T12:00:00Z');
const roster: DutyRoster = {
  party: 'SRB',
  slots: [{ ...ANA, from: new Date('2026-11-28T08:00:00Z'), to: new Date('2026-11-28T20:00:00Z') }],
  fallback: BOJAN,
};

describe('the escalation of a duty page', () => {
  it('pages the person on duty first', () => {
    expect(firstPageTarget(roster, NOON)).toEqual({ step: 'ON_DUTY', contact: ANA });
  });

  it('pages the fallback at once when nobody is on duty, the secretariat when there is no roster', () => {
    expect(firstPageTarget(roster, new Date('2026-11-28T21:00:00Z'))).toEqual({
      step: 'FALLBACK',
      contact: BOJAN,
    });
    expect(firstPageTarget(null, NOON)).toEqual({ step: 'SECRETARIAT' });
  });

  it('climbs from the person on duty to the fallback, then the secretariat, then stops', () => {
    expect(nextPageTarget({ step: 'ON_DUTY', userId: ANA.userId }, BOJAN)).toEqual({
      step: 'FALLBACK',
      contact: BOJAN,
    });
    expect(nextPageTarget({ step: 'FALLBACK', userId: BOJAN.userId }, BOJAN)).toEqual({
      step: 'SECRETARIAT',
    });
    expect(nextPageTarget({ step: 'SECRETARIAT', userId: null }, BOJAN)).toBeNull();
  });

  it('does not page the same person twice when the fallback is the one on duty', () => {
    expect(nextPageTarget({ step: 'ON_DUTY', userId: BOJAN.userId }, BOJAN)).toEqual({
      step: 'SECRETARIAT',
    });
  });

  it('is due to climb one timeout after each step, and never after the secretariat', () => {
    expect(escalationDueAt('ON_DUTY', NOON, 30 * 60_000)).toEqual(new Date('2026-11-28T12:30:00Z'));
    expect(escalationDueAt('FALLBACK', NOON, 1_000)).toEqual(new Date('2026-11-28T12:00:01Z'));
    expect(escalationDueAt('SECRETARIAT', NOON, 1_000)).toBeNull();
  });

  it('is acknowledged by someone it reached, or the secretariat once it reached it; nobody else', () => {
    const page = { pagedUserIds: [ANA.userId], step: 'ON_DUTY' as const };
    expect(mayAcknowledge(page, { userId: ANA.userId, role: 'focal_point' })).toBe(true);
    expect(mayAcknowledge(page, { userId: BOJAN.userId, role: 'focal_point' })).toBe(false);
    expect(mayAcknowledge(page, { userId: BOJAN.userId, role: 'secretariat' })).toBe(false);
    const climbed = { pagedUserIds: [ANA.userId, BOJAN.userId], step: 'SECRETARIAT' as const };
    expect(mayAcknowledge(climbed, { userId: ANA.userId, role: 'focal_point' })).toBe(true);
    expect(mayAcknowledge(climbed, { userId: 'someone-else', role: 'secretariat' })).toBe(true);
    expect(mayAcknowledge(climbed, { userId: 'someone-else', role: 'focal_point' })).toBe(false);
  });
});
