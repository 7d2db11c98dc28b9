/**
 * When a process should give memory back. V8 keeps the pages a burst of load made it grow into
 * until a memory-reducing collection, and its own memory reducer never starts one in these
 * servers: it judges the allocation rate from the last samples taken under load and goes on
 * saying "high alloc" while the process idles (`--trace-memory-reducer`; test/bench/RESULTS.md,
 * session 15). So the process watches its resident set and event-loop utilisation and asks for
 * that collection itself, once it has grown since the last one and has then been quiet for a
 * few intervals in a row. A collection takes 0.2 to 0.8 s of the main thread on this machine,
 * so it is worth it only for a real gain, and only when no work is waiting.
 */
export interface IdleMemoryPolicy {
  /** Utilisation at or below which an interval counts as quiet. */
  quietUtilisation: number;
  /** Quiet intervals in a row before a release. */
  quietIntervals: number;
  /** Growth of the resident set since the last release that makes one worth it, in bytes. */
  growthBytes: number;
}

export const IDLE_MEMORY_POLICY: IdleMemoryPolicy = {
  quietUtilisation: 0.05,
  quietIntervals: 3,
  growthBytes: 8 * 1024 * 1024,
};

export interface IdleMemoryState {
  quiet: number;
  /** Resident set just after the last release (or at the start). */
  baselineBytes: number;
}

export interface IdleMemorySample {
  /** Event-loop utilisation over the interval just ended, 0 to 1. */
  utilisation: number;
  residentBytes: number;
}

/**
 * Starting is a burst too: loading modules, migrating and joining Kafka leave an app 30 to 40 MB
 * above what it needs idle, and an app that no load reaches afterwards would keep that for good
 * (test/bench/RESULTS.md, session 22). So the first quiet spell after the start releases once,
 * whatever the size, and growth is measured from what that left.
 */
export const idleMemoryStart = (): IdleMemoryState => ({ quiet: 0, baselineBytes: 0 });

/** The state after one interval, and whether to release memory now. */
export function nextIdleMemoryState(
  state: IdleMemoryState,
  sample: IdleMemorySample,
  policy: IdleMemoryPolicy = IDLE_MEMORY_POLICY,
): { state: IdleMemoryState; release: boolean } {
  const quiet = sample.utilisation <= policy.quietUtilisation ? state.quiet + 1 : 0;
  const grown = sample.residentBytes - state.baselineBytes >= policy.growthBytes;
  if (grown && quiet >= policy.quietIntervals)
    return { state: { ...state, quiet: 0 }, release: true };
  return { state: { ...state, quiet }, release: false };
}

/** What a release left is the baseline the next growth is measured from. */
export const afterRelease = (state: IdleMemoryState, residentBytes: number): IdleMemoryState => ({
  ...state,
  baselineBytes: residentBytes,
});
