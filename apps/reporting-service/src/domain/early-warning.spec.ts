import { describeTest, risesAmong, signalWindow, weekOf } from './early-warning';

const NOW = new Date('2026-11-29T12:00:00.000Z');
const DAY = 24 * 3_600_000;

describe('early warning', () => {
  const window = signalWindow(NOW);

  it('tests the 7 days before now against the 8 weeks before them', () => {
    expect(window.from.toISOString()).toBe('2026-11-22T12:00:00.000Z');
    expect(window.since.toISOString()).toBe('2026-09-27T12:00:00.000Z');
    expect(window.weeks).toBe(9);
  });

  it('puts a request in its week, the tested one last, and none outside the window', () => {
    expect(weekOf(new Date(NOW.getTime() - DAY), window)).toBe(8);
    expect(weekOf(window.from, window)).toBe(8);
    expect(weekOf(new Date(window.from.getTime() - 1), window)).toBe(7);
    expect(weekOf(window.since, window)).toBe(0);
    expect(weekOf(new Date(window.since.getTime() - 1), window)).toBeNull();
    expect(weekOf(NOW, window)).toBeNull();
  });

  it('raises a spike and not a steady series, nor a busy but steady one', () => {
    const rises = risesAmong([
      { dimension: 'route', key: 'SPIKE', weeks: [1, 0, 2, 1, 1, 0, 1, 2, 12] },
      { dimension: 'topic', key: 'STEADY', weeks: [3, 3, 3, 3, 3, 3, 3, 3, 3] },
      { dimension: 'topic', key: 'BUSY', weeks: [40, 45, 38, 42, 44, 39, 41, 43, 50] },
    ]);
    expect(rises.map((rise) => rise.key)).toEqual(['SPIKE']);
    expect(rises[0]).toMatchObject({
      dimension: 'route',
      lastWeek: 12,
      baseline: [1, 0, 2, 1, 1, 0, 1, 2],
      baselineMean: 1,
    });
    expect(rises[0]!.pValue).toBeLessThan(0.001);
  });

  it('does not take a first few requests on a quiet key for a rise', () => {
    expect(
      risesAmong([{ dimension: 'topic', key: 'NEW', weeks: [0, 0, 0, 0, 0, 0, 0, 0, 3] }]),
    ).toEqual([]);
  });

  it('refuses a series of the wrong length', () => {
    expect(() => risesAmong([{ dimension: 'topic', key: 'X', weeks: [1, 2] }])).toThrow(RangeError);
  });

  it('states the test it ran', () => {
    expect(describeTest()).toContain('P(X ≥ count) < 0.001');
  });
});
