import { RISE_TEST, RiseTestSettings, RiseVerdict, testForRise } from './rise-test';

const WEEK_MS = 7 * 24 * 3_600_000;

export type SignalDimension = 'route' | 'topic';

/** The weeks a signal test counts: the 7 days before `now`, and the baseline weeks before those. */
export interface SignalWindow {
  /** Start of the oldest baseline week. */
  since: Date;
  /** Start of the 7 days tested. */
  from: Date;
  to: Date;
  weeks: number;
}

export function signalWindow(now: Date, settings: RiseTestSettings = RISE_TEST): SignalWindow {
  const weeks = settings.baselineWeeks + 1;
  return {
    since: new Date(now.getTime() - weeks * WEEK_MS),
    from: new Date(now.getTime() - WEEK_MS),
    to: now,
    weeks,
  };
}

/** Which week of the window a request filed at `at` counts in: 0 the oldest, `weeks − 1` the tested. */
export function weekOf(at: Date, window: SignalWindow): number | null {
  const index = Math.floor((at.getTime() - window.since.getTime()) / WEEK_MS);
  return index >= 0 && index < window.weeks && at < window.to ? index : null;
}

/** Requests filed on one route or topic, per week of the window, oldest first. */
export interface WeeklyCounts {
  dimension: SignalDimension;
  key: string;
  weeks: readonly number[];
}

export interface Rise extends RiseVerdict {
  dimension: SignalDimension;
  key: string;
  baseline: number[];
}

/**
 * The routes and topics whose last week rose well above their baseline (rise-test.ts). A key with
 * no week counted is a key with zeros: absent from `counts`, it cannot rise.
 */
export function risesAmong(
  counts: readonly WeeklyCounts[],
  settings: RiseTestSettings = RISE_TEST,
): Rise[] {
  return counts.flatMap(({ dimension, key, weeks }) => {
    if (weeks.length !== settings.baselineWeeks + 1)
      throw new RangeError(`${settings.baselineWeeks + 1} weeks are needed, not ${weeks.length}`);
    const baseline = weeks.slice(0, -1);
    const verdict = testForRise(weeks.at(-1)!, baseline, settings);
    return verdict.raised ? [{ dimension, key, baseline, ...verdict }] : [];
  });
}

/** A route or topic raises at most one signal in this long: a rise that lasts is one signal. */
export const QUIET_AFTER_SIGNAL_MS = WEEK_MS;

/** The test as a reader of a signal is told it. */
export function describeTest(settings: RiseTestSettings = RISE_TEST): string {
  return (
    `One-sided exact Poisson test: requests filed in the last 7 days against the mean of the ` +
    `${settings.baselineWeeks} weeks before (floored at ${settings.minimumBaseline} a week); ` +
    `raised when P(X ≥ count) < ${settings.alpha}.`
  );
}
