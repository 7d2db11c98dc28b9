import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { PeriodicTask, runExclusively } from '@bp/persistence';
import { RfiSystemWork } from './rfi-system-work';
import { RfiSettings } from './rfi-settings';

/**
 * Reminds holders of assignments due soon, then finds assignments past due and escalates them.
 * Safe with several instances: one scan at a time runs (runExclusively), and each RFI is changed
 * under its row lock, so a reminder and an escalation level are announced once. Reminders go
 * first, with the same `now`: an assignment already past due is escalated, never reminded.
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

  /** One pass: how many assignments were reminded, how many climbed a level (0, 0 if another instance scans). */
  async scan(now = new Date()): Promise<{ reminded: number; raised: number }> {
    const done = await runExclusively(this.orm, 'rfi-overdue-scan', async (tx) => ({
      reminded: await this.work.remindDueSoon(tx, now),
      raised: await this.work.escalateOverdue(tx, now),
    }));
    if (done?.reminded) this.logger.log(`Reminded ${done.reminded} assignment(s) due soon`);
    if (done?.raised) this.logger.log(`Escalated ${done.raised} overdue assignment(s)`);
    return done ?? { reminded: 0, raised: 0 };
  }
}
