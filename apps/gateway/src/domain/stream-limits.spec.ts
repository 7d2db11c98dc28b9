import { mayOpenStream, sameStanding } from './stream-limits';

describe('live stream limits', () => {
  const limits = { maxPerUser: 2, maxPerInstance: 3 };

  it('opens below both caps and refuses at either', () => {
    expect(mayOpenStream(limits, { byUser: 1, total: 2 })).toEqual({ ok: true });
    expect(mayOpenStream(limits, { byUser: 2, total: 2 })).toEqual({
      ok: false,
      reason: 'At most 2 open streams per user',
    });
    expect(mayOpenStream(limits, { byUser: 0, total: 3 })).toEqual({
      ok: false,
      reason: expect.stringContaining('as many streams'),
    });
  });

  it('ends a stream whose account changed role, party or officer', () => {
    const fp = { role: 'focal_point', party: 'SRB', officerId: null };
    expect(sameStanding(fp, { ...fp })).toBe(true);
    expect(sameStanding(fp, { ...fp, party: 'HUN' })).toBe(false);
    expect(sameStanding(fp, { ...fp, role: 'secretariat', party: null })).toBe(false);
    expect(sameStanding(fp, { ...fp, officerId: 'x' })).toBe(false);
  });
});
