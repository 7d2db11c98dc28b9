import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { PeriodicTask, runExclusively } from '@bp/persistence';
import { RfiSystemWork } from './rfi-system-work';
import { RfiSettings } from './rfi-settings';

/**
 * Finds assignments past due and escalates them. Safe with several instances: one scan at a time
 * runs (runExclusively), and each RFI is changed under its row lock, so an escalation level is
 * announced once.
 */
@Injectable()
export class OverdueScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OverdueScheduler.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly orm: MikroORM,
    private readonly work: RfiSystemWork,
    settings: RfiSettings,
  ) {
    this.task = new PeriodicTask('Overdue scan', settings.overdueScanIntervalMs, () => this.scan());
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass; returns how many assignments climbed a level (0 if another instance is scanning). */
  async scan(now = new Date()): Promise<number> {
    const raised = await runExclusively(this.orm, 'rfi-overdue-scan', (tx) =>
      this.work.escalateOverdue(tx, now),
    );
    if (raised) this.logger.log(`Escalated ${raised} overdue assignment(s)`);
    return raised ?? 0;
  }
}
