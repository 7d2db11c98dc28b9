/**
 * Durations in hours counted in log-spaced buckets, so that the medians and 90th percentiles of a
 * long window can be read from monthly counts instead of every assignment of the window.
 *
 * Bucket 0 holds "no duration" (not acknowledged, not responded) and is never read. Bucket 1 holds
 * [0, FIRST_BOUND) hours; bucket k ≥ 2 holds [FIRST_BOUND × GROWTH^(k-2), FIRST_BOUND × GROWTH^(k-1));
 * the last bucket also takes everything longer. A duration read back is its bucket's geometric
 * middle, within √GROWTH − 1 (2.5 %) of the true value; below 36 seconds, within 18 seconds.
 */
export const DURATION_HISTOGRAM = {
  /** Hours: 36 seconds. */
  firstBound: 0.01,
  growth: 1.05,
  /** Buckets 1..last; the last starts at about 100,000 hours (11 years). */
  last: 333,
} as const;

/** The bucket of `hours`, as the model's SQL function report_health_bucket computes it. */
export function durationBucket(hours: number | null): number {
  if (hours === null) return 0;
  const { firstBound, growth, last } = DURATION_HISTOGRAM;
  if (hours < firstBound) return 1;
  return Math.min(last, 2 + Math.floor(Math.log(hours / firstBound) / Math.log(growth)));
}

/** The value a bucket stands for: its geometric middle (half the first bound for bucket 1). */
export function bucketValue(bucket: number): number {
  const { firstBound, growth } = DURATION_HISTOGRAM;
  if (bucket <= 1) return firstBound / 2;
  return firstBound * growth ** (bucket - 1.5);
}

/**
 * The p-th percentile of the durations counted in `counts` (index = bucket), interpolated between
 * the two ranks it falls between as PostgreSQL's percentile_cont does over the durations
 * themselves; null when nothing is counted.
 */
export function histogramPercentile(counts: ArrayLike<number>, p: number): number | null {
  let total = 0;
  for (let bucket = 1; bucket < counts.length; bucket += 1) total += counts[bucket]!;
  if (total <= 0) return null;
  const position = p * (total - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = valueAtRank(counts, low);
  const highValue = high === low ? lowValue : valueAtRank(counts, high);
  return lowValue + (position - low) * (highValue - lowValue);
}

/** The value of the duration at 0-based `rank` in ascending order. */
function valueAtRank(counts: ArrayLike<number>, rank: number): number {
  let seen = 0;
  for (let bucket = 1; bucket < counts.length; bucket += 1) {
    seen += counts[bucket]!;
    if (rank < seen) return bucketValue(bucket);
  }
  return bucketValue(counts.length - 1);
}
