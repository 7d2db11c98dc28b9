import { performance } from 'node:perf_hooks';
import { register } from 'prom-client';
import { releaseMemoryWhenIdle } from './release-memory-when-idle';

const MB = 1024 * 1024;

describe('releaseMemoryWhenIdle', () => {
  const collect = jest.fn();
  let resident: number;
  // What a run under --expose-gc put there, set aside so that each test decides.
  const exposed = globalThis.gc;

  beforeEach(() => {
    globalThis.gc = undefined;
    jest.useFakeTimers();
    collect.mockReset().mockImplementation(() => (resident = 130 * MB));
    resident = 120 * MB;
    jest.spyOn(process.memoryUsage, 'rss').mockImplementation(() => resident);
    // Every interval quiet: 1 % of the loop busy.
    jest
      .spyOn(performance, 'eventLoopUtilization')
      .mockImplementation(() => ({ idle: 0.99, active: 0.01, utilization: 0.01 }));
  });

  afterEach(() => {
    jest.clearAllTimers();
    jest.useRealTimers();
    jest.restoreAllMocks();
    globalThis.gc = undefined;
  });

  afterAll(() => {
    globalThis.gc = exposed;
  });

  const releases = async () =>
    (await register.getSingleMetric('bp_idle_memory_releases_total')?.get())?.values[0]?.value ?? 0;

  it('does nothing without --expose-gc', () => {
    const log = jest.fn();
    releaseMemoryWhenIdle(log);
    resident = 300 * MB;
    jest.advanceTimersByTime(60_000);
    expect(log).not.toHaveBeenCalled();
  });

  it('collects after the start and after each growth once quiet, says what it gave back', async () => {
    globalThis.gc = collect as unknown as typeof globalThis.gc;
    const log = jest.fn();
    const before = await releases();
    releaseMemoryWhenIdle(log);

    // The first quiet spell after the start: what starting left is given back once.
    jest.advanceTimersByTime(10_000);
    expect(collect).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toMatch(/resident 120 -> 130 MB/);

    // 130 MB is the baseline now: no growth, no second collection.
    jest.advanceTimersByTime(30_000);
    expect(collect).toHaveBeenCalledTimes(1);

    resident = 210 * MB;
    jest.advanceTimersByTime(10_000);
    expect(collect).toHaveBeenCalledTimes(2);
    expect(collect).toHaveBeenCalledWith({
      type: 'major',
      execution: 'sync',
      flavor: 'last-resort',
    });
    expect(log).toHaveBeenCalledTimes(2);
    expect(log.mock.calls[1][0]).toMatch(/resident 210 -> 130 MB/);
    expect(await releases()).toBe(before + 2);

    jest.advanceTimersByTime(30_000);
    expect(collect).toHaveBeenCalledTimes(2);
  });
});
