/**
 * Early warning: is the count of the last 7 days on a route or topic well above its baseline?
 *
 * The stated test: a one-sided exact Poisson test. Under "nothing changed", the last week's count
 * is Poisson with the baseline's weekly mean (the 8 weeks before it); a signal is raised when the
 * chance of a count at least as high is below `alpha`. The baseline mean is floored at
 * `minimumBaseline`, so that a first request or two on a quiet route are not a rise; alpha is small
 * because every route and topic is tested each time, and a false alarm costs the secretariat's
 * attention.
 */
export interface RiseTestSettings {
  alpha: number;
  baselineWeeks: number;
  minimumBaseline: number;
}

export const RISE_TEST: RiseTestSettings = { alpha: 0.001, baselineWeeks: 8, minimumBaseline: 0.5 };

export interface RiseVerdict {
  raised: boolean;
  lastWeek: number;
  baselineMean: number;
  /** P(X ≥ lastWeek) for X ~ Poisson(baselineMean). */
  pValue: number;
}

/** `baseline` holds the weekly counts of the weeks before the last one, oldest first. */
export function testForRise(
  lastWeek: number,
  baseline: readonly number[],
  settings: RiseTestSettings = RISE_TEST,
): RiseVerdict {
  if (baseline.length !== settings.baselineWeeks)
    throw new RangeError(`A baseline of ${settings.baselineWeeks} weeks is needed`);
  const mean = baseline.reduce((sum, count) => sum + count, 0) / baseline.length;
  const baselineMean = Math.max(mean, settings.minimumBaseline);
  const pValue = poissonUpperTail(lastWeek, baselineMean);
  return { raised: pValue < settings.alpha, lastWeek, baselineMean, pValue };
}

/** P(X ≥ k) for X ~ Poisson(lambda), summed in log space so that large counts do not underflow. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (!Number.isInteger(k) || k < 0) throw new RangeError('k must be a whole number ≥ 0');
  if (!(lambda > 0)) throw new RangeError('lambda must be > 0');
  if (k === 0) return 1;
  const logTerm = (i: number) => -lambda + i * Math.log(lambda) - logFactorial(i);
  if (k <= lambda) {
    // The bulk is above k: 1 − P(X < k), the lower terms being the few.
    let lower = 0;
    for (let i = 0; i < k; i++) lower += Math.exp(logTerm(i));
    return Math.max(0, 1 - lower);
  }
  // Terms fall from k on: sum until they no longer count.
  let upper = 0;
  for (let i = k; ; i++) {
    const term = Math.exp(logTerm(i));
    upper += term;
    if (term < upper * 1e-15 || term === 0) break;
  }
  return Math.min(1, upper);
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++)
    logFactorials[i] = logFactorials[i - 1]! + Math.log(i);
  return logFactorials[n]!;
}
