import { onPostAfter, wasOnPostDuring } from './posting-record';

const day = (d: string) => new Date(`${d}T00:00:00Z`);

describe('when a posting was on post', () => {
  it('starts when the posting is first reported ACTIVE and ends when it is first reported ENDED', () => {
    let posting = onPostAfter(null, 'APPROVED', day('2026-01-10'));
    expect(posting).toEqual({ activatedAt: null, endedAt: null });
    posting = onPostAfter(posting, 'ACTIVE', day('2026-02-01'));
    posting = onPostAfter(posting, 'ACTIVE', day('2026-03-01')); // extended: still the same start
    posting = onPostAfter(posting, 'ENDED', day('2026-05-15'));
    posting = onPostAfter(posting, 'ENDED', day('2026-06-01'));
    expect(posting).toEqual({ activatedAt: day('2026-02-01'), endedAt: day('2026-05-15') });
  });

  it('does not count an end whose start it never saw', () => {
    expect(onPostAfter(null, 'ENDED', day('2026-05-15'))).toEqual({
      activatedAt: null,
      endedAt: null,
    });
  });

  it('counts a posting in every month it touched, and not in others', () => {
    const posting = { activatedAt: day('2026-02-10'), endedAt: day('2026-04-01') };
    expect(wasOnPostDuring(posting, day('2026-01-01'), day('2026-02-01'))).toBe(false);
    expect(wasOnPostDuring(posting, day('2026-02-01'), day('2026-03-01'))).toBe(true);
    expect(wasOnPostDuring(posting, day('2026-04-01'), day('2026-05-01'))).toBe(true);
    expect(wasOnPostDuring(posting, day('2026-05-01'), day('2026-06-01'))).toBe(false);
    const open = { activatedAt: day('2026-02-10'), endedAt: null };
    expect(wasOnPostDuring(open, day('2030-01-01'), day('2030-02-01'))).toBe(true);
    expect(
      wasOnPostDuring({ activatedAt: null, endedAt: null }, day('2026-02-01'), day('2026-03-01')),
    ).toBe(false);
  });
});
