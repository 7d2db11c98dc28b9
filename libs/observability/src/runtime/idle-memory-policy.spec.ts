import {
  IDLE_MEMORY_POLICY,
  IdleMemoryState,
  afterRelease,
  idleMemoryStart,
  nextIdleMemoryState,
} from './idle-memory-policy';

const MB = 1024 * 1024;
const START = 120 * MB;
const GROWN = START + IDLE_MEMORY_POLICY.growthBytes;
const QUIET = IDLE_MEMORY_POLICY.quietIntervals;

/** Feeds [utilisation, resident MB or bytes] samples in turn and says after which it released. */
function releasesAfter(
  samples: Array<[number, number]>,
  state: IdleMemoryState = afterRelease(idleMemoryStart(), START),
): number[] {
  const released: number[] = [];
  samples.forEach(([utilisation, residentBytes], index) => {
    const next = nextIdleMemoryState(state, { utilisation, residentBytes });
    state = next.state;
    if (next.release) {
      released.push(index);
      state = afterRelease(state, START);
    }
  });
  return released;
}

const repeat = (times: number, sample: [number, number]) =>
  Array.from({ length: times }, () => sample);

describe('idle memory policy', () => {
  it('releases once after the start, at the first quiet spell, whatever the size', () => {
    const started = releasesAfter(
      [...repeat(2, [0.9, START]), ...repeat(QUIET + 20, [0.01, START])],
      idleMemoryStart(),
    );
    expect(started).toEqual([2 + QUIET - 1]);
  });

  it('never releases in a process that has not grown, however quiet', () => {
    expect(releasesAfter(repeat(50, [0.01, GROWN - 1]))).toEqual([]);
  });

  it('releases once it has grown and then been quiet for the stated intervals', () => {
    const released = releasesAfter([
      ...repeat(5, [0.9, GROWN + 50 * MB]),
      ...repeat(QUIET, [0.02, GROWN]),
      // What the collection gave back.
      ...repeat(10, [0.02, START]),
    ]);
    expect(released).toEqual([5 + QUIET - 1]);
  });

  it('waits while there is work: an interval above the quiet mark starts the count again', () => {
    const almost = repeat(QUIET - 1, [0.02, GROWN] as [number, number]);
    expect(releasesAfter([...almost, [0.1, GROWN], ...almost])).toEqual([]);
    expect(releasesAfter([...almost, [0.1, GROWN], ...almost, [0.02, GROWN]])).toEqual([
      2 * QUIET - 1,
    ]);
  });

  it('measures growth from what the last release left, so it does not repeat without new growth', () => {
    const state = afterRelease(idleMemoryStart(), 150 * MB);
    expect(
      releasesAfter(repeat(10, [0.01, 150 * MB + IDLE_MEMORY_POLICY.growthBytes - 1]), state),
    ).toEqual([]);
    expect(
      releasesAfter(repeat(QUIET, [0.01, 150 * MB + IDLE_MEMORY_POLICY.growthBytes]), state),
    ).toEqual([QUIET - 1]);
  });

  it('releases again after the next burst', () => {
    const burst = [...repeat(3, [0.8, GROWN + 40 * MB]), ...repeat(QUIET, [0.01, GROWN])] as Array<
      [number, number]
    >;
    expect(releasesAfter([...burst, ...burst])).toEqual([2 + QUIET, 2 * (3 + QUIET) - 1]);
  });
});
