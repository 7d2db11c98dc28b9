import { performance } from 'node:perf_hooks';
import { sharedCounter } from '../shared-metrics';
import { afterRelease, idleMemoryStart, nextIdleMemoryState } from './idle-memory-policy';

const releases = sharedCounter({
  name: 'bp_idle_memory_releases_total',
  help: 'Memory-reducing collections this process asked for after a burst of load',
});

const INTERVAL_MS = 1_000;
const MB = 1024 * 1024;

/**
 * Watches the resident set and the event loop and, when the process is quiet after its start, or
 * has grown since and is quiet again, asks V8 for a memory-reducing collection
 * (idle-memory-policy.ts says why V8 does not start one itself). It needs `--expose-gc`, which the
 * start scripts and the container image pass; without it this does nothing.
 */
export function releaseMemoryWhenIdle(log: (line: string) => void): void {
  const collect = globalThis.gc;
  if (typeof collect !== 'function') return;
  let state = idleMemoryStart();
  let previous = performance.eventLoopUtilization();
  setInterval(() => {
    const current = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(current, previous);
    previous = current;
    const next = nextIdleMemoryState(state, {
      utilisation: utilization,
      residentBytes: process.memoryUsage.rss(),
    });
    state = next.state;
    if (!next.release) return;
    const before = process.memoryUsage.rss();
    const started = performance.now();
    collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    const after = process.memoryUsage.rss();
    state = afterRelease(state, after);
    releases.inc();
    log(
      `Quiet again: memory-reducing collection in ${Math.round(performance.now() - started)} ms, ` +
        `resident ${Math.round(before / MB)} -> ${Math.round(after / MB)} MB`,
    );
  }, INTERVAL_MS).unref();
}
