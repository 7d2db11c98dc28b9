import { poissonUpperTail, testForRise } from './rise-test';

describe('the early-warning rise test (one-sided exact Poisson)', () => {
  it('gives the exact upper tail of a Poisson count', () => {
    // P(X ≥ 1) = 1 − e^−λ; P(X ≥ 2) = 1 − e^−λ(1 + λ).
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonUpperTail(2, 0.5)).toBeCloseTo(1 - Math.exp(-0.5) * 1.5, 12);
    expect(poissonUpperTail(0, 3)).toBe(1);
    // Reference value (R: ppois(9, 3, lower.tail = FALSE)) = 0.001102488.
    expect(poissonUpperTail(10, 3)).toBeCloseTo(0.001102488, 8);
  });

  it('does not underflow on large counts', () => {
    const p = poissonUpperTail(1_500, 1_000);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-40);
    expect(poissonUpperTail(900, 1_000)).toBeGreaterThan(0.99);
  });

  it('raises on a week far above a steady baseline, and not on the steady weeks themselves', () => {
    const steady = [4, 5, 3, 6, 4, 5, 4, 5];
    expect(testForRise(5, steady).raised).toBe(false);
    expect(testForRise(8, steady).raised).toBe(false);
    const spike = testForRise(20, steady);
    expect(spike).toMatchObject({ raised: true, lastWeek: 20, baselineMean: 4.5 });
    expect(spike.pValue).toBeLessThan(0.001);
  });

  it('does not take a first request or two on a quiet route for a rise', () => {
    const quiet = [0, 0, 0, 0, 0, 0, 0, 0];
    expect(testForRise(2, quiet)).toMatchObject({ raised: false, baselineMean: 0.5 });
    expect(testForRise(6, quiet).raised).toBe(true);
  });

  it('refuses a baseline of another length', () => {
    expect(() => testForRise(3, [1, 2, 3])).toThrow(RangeError);
  });
});
