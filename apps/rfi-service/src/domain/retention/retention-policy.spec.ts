import { DEFAULT_RETENTION, parseRetention, retentionOf } from './retention-policy';

const DAY = 86_400_000;
const closedAt = new Date('2026-01-10T00:00:00Z');

describe('retention by rule', () => {
  it('keeps bodies five years after closing, one after a rejection or a withdrawal, by default', () => {
    expect(retentionOf({ status: 'CLOSED', closedAt }, false, DEFAULT_RETENTION)).toEqual({
      endsAt: new Date(closedAt.getTime() + 5 * 365 * DAY),
      rule: 'CLOSED',
    });
    for (const status of ['REJECTED', 'WITHDRAWN'] as const)
      expect(retentionOf({ status, closedAt }, false, DEFAULT_RETENTION)).toEqual({
        endsAt: new Date(closedAt.getTime() + 365 * DAY),
        rule: status,
      });
  });

  it("applies the minors' rule where it is shorter, and none to an open request", () => {
    expect(retentionOf({ status: 'CLOSED', closedAt }, true, DEFAULT_RETENTION)?.rule).toBe(
      'MINORS',
    );
    expect(retentionOf({ status: 'REJECTED', closedAt }, true, DEFAULT_RETENTION)?.rule).toBe(
      'REJECTED',
    );
    for (const status of ['DRAFT', 'SUBMITTED', 'ROUTED'] as const)
      expect(retentionOf({ status, closedAt: null }, true, DEFAULT_RETENTION)).toBeNull();
  });

  it('reads its setting, and refuses what it cannot read', () => {
    expect(parseRetention('CLOSED=2s, MINORS=90d')).toEqual({
      ...DEFAULT_RETENTION,
      CLOSED: 2_000,
      MINORS: 90 * DAY,
    });
    expect(parseRetention(undefined)).toEqual(DEFAULT_RETENTION);
    for (const bad of ['CLOSED=5', 'OPEN=1y', 'CLOSED=0y', 'CLOSED=five years'])
      expect(() => parseRetention(bad)).toThrow('Invalid retention period');
  });
});
