import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from './exclusive-work';

/**
 * A provider whose `pass()` runs every `intervalMs` while the app is up (never twice at once in
 * the process) and is waited for when the app stops: the scans and calendars of the services.
 * `immediately`: a pass at start too, for work that a service down for a while must catch up on.
 */
export abstract class ScheduledPass implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  protected constructor(
    name: string,
    intervalMs: number,
    private readonly immediately = false,
  ) {
    this.task = new PeriodicTask(name, intervalMs, () => this.pass());
  }

  /** One pass; the scheduler logs a failure and tries again at the next interval. */
  abstract pass(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.task.start({ immediately: this.immediately });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
