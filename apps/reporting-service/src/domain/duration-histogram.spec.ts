import {
  DURATION_HISTOGRAM,
  bucketValue,
  durationBucket,
  histogramPercentile,
} from './duration-histogram';

/** percentile_cont over the values themselves, as PostgreSQL computes it. */
function exactPercentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (position - low) * (sorted[high]! - sorted[low]!);
}

function histogramOf(values: number[]): number[] {
  const counts = new Array<number>(DURATION_HISTOGRAM.last + 1).fill(0);
  for (const value of values) counts[durationBucket(value)]! += 1;
  return counts;
}

describe('durations in log-spaced buckets', () => {
  it('puts "no duration" in bucket 0, under 36 seconds in bucket 1, and everything longer than the last bound in the last', () => {
    expect(durationBucket(null)).toBe(0);
    expect(durationBucket(0)).toBe(1);
    expect(durationBucket(0.0099)).toBe(1);
    expect(durationBucket(0.01)).toBe(2);
    expect(durationBucket(0.0105)).toBe(3);
    expect(durationBucket(1e9)).toBe(DURATION_HISTOGRAM.last);
  });

  it('reads each bucket back within 2.5 % of any duration it holds', () => {
    for (const hours of [0.02, 0.5, 1, 3.7, 24, 46.1, 118.4, 700, 8_760, 50_000]) {
      const read = bucketValue(durationBucket(hours));
      expect(Math.abs(read - hours) / hours).toBeLessThanOrEqual(0.025);
    }
  });

  it('gives the median and 90th percentile of what it counted within 2.5 % of the exact ones', () => {
    // A deterministic spread of response times: 1 to 2,000 hours, skewed short.
    const values = Array.from({ length: 5_001 }, (_, i) => 1 + ((i * 7_919) % 5_001) ** 2 / 12_500);
    for (const p of [0.5, 0.9]) {
      const exact = exactPercentile(values, p)!;
      const approximate = histogramPercentile(histogramOf(values), p)!;
      expect(Math.abs(approximate - exact) / exact).toBeLessThanOrEqual(0.025);
    }
  });

  it('interpolates between the two ranks as percentile_cont does', () => {
    // Two durations in two buckets: the median lies half way between their buckets' values.
    const counts = histogramOf([1, 100]);
    expect(histogramPercentile(counts, 0.5)).toBeCloseTo(
      (bucketValue(durationBucket(1)) + bucketValue(durationBucket(100))) / 2,
      10,
    );
    expect(histogramPercentile(counts, 0)).toBe(bucketValue(durationBucket(1)));
    expect(histogramPercentile(counts, 1)).toBe(bucketValue(durationBucket(100)));
  });

  it('has no percentile when nothing is counted, and never reads bucket 0', () => {
    const counts = histogramOf([]);
    counts[0] = 40;
    expect(histogramPercentile(counts, 0.5)).toBeNull();
  });
});
