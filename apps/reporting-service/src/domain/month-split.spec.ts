import { splitByMonth } from './month-split';

const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('a window of days split into whole months and the days around them', () => {
  it('reads a calendar year as twelve whole months and no edge', () => {
    expect(splitByMonth(day('2025-01-01'), day('2026-01-01'))).toEqual({
      months: { from: day('2025-01-01'), to: day('2026-01-01') },
      edges: [],
    });
  });

  it('keeps the days before the first and after the last whole month as edges', () => {
    expect(splitByMonth(day('2025-01-15'), day('2026-01-15'))).toEqual({
      months: { from: day('2025-02-01'), to: day('2026-01-01') },
      edges: [
        { from: day('2025-01-15'), to: day('2025-02-01') },
        { from: day('2026-01-01'), to: day('2026-01-15') },
      ],
    });
  });

  it('makes a window inside one month, or across two without a whole one, an edge of its own', () => {
    expect(splitByMonth(day('2025-03-03'), day('2025-03-20'))).toEqual({
      months: null,
      edges: [{ from: day('2025-03-03'), to: day('2025-03-20') }],
    });
    expect(splitByMonth(day('2025-03-10'), day('2025-04-10'))).toEqual({
      months: null,
      edges: [{ from: day('2025-03-10'), to: day('2025-04-10') }],
    });
  });

  it('leaves an open bound open: every month before `to`, or from `from` on', () => {
    expect(splitByMonth(null, day('2025-06-10'))).toEqual({
      months: { from: null, to: day('2025-06-01') },
      edges: [{ from: day('2025-06-01'), to: day('2025-06-10') }],
    });
    expect(splitByMonth(day('2025-06-10'), null)).toEqual({
      months: { from: day('2025-07-01'), to: null },
      edges: [{ from: day('2025-06-10'), to: day('2025-07-01') }],
    });
    expect(splitByMonth(null, null)).toEqual({ months: { from: null, to: null }, edges: [] });
  });

  it("takes the last month whole when nothing is recorded at or after the window's end", () => {
    expect(splitByMonth(day('2024-12-01'), day('2026-11-30'), true)).toEqual({
      months: { from: day('2024-12-01'), to: day('2026-12-01') },
      edges: [],
    });
    expect(splitByMonth(day('2024-12-01'), day('2026-11-30')).edges).toEqual([
      { from: day('2026-11-01'), to: day('2026-11-30') },
    ]);
  });
});
