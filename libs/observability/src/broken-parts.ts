import { sharedGauge } from './shared-metrics';

const broken = new Map<string, string>();

const brokenGauge = sharedGauge({
  name: 'bp_component_broken',
  help: 'A part of this process that stopped for good (1), e.g. a consumer KafkaJS will not restart',
  labelNames: ['component'],
});

/**
 * Parts of this process that stopped and will not recover by themselves, so that liveness fails
 * and the process is restarted instead of running on while doing nothing.
 */
export const BrokenParts = {
  mark(component: string, reason: string): void {
    broken.set(component, reason);
    brokenGauge.set({ component }, 1);
  },

  recovered(component: string): void {
    if (!broken.delete(component)) return;
    brokenGauge.set({ component }, 0);
  },

  names(): string[] {
    return [...broken.keys()].sort();
  },
};
