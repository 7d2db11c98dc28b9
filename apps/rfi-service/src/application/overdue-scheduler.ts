import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { PeriodicTask, runExclusively } from '@bp/persistence';
import { RequestsForInformation } from './rfi-use-cases';
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
    private readonly rfis: RequestsForInformation,
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
    const raised = await runExclusively(this.orm, 'rfi-overdue-scan', async (tx) => {
      const due = await tx.execute<{ rfi_id: string }[]>(
        `select distinct a.rfi_id from rfi_assignment a join information_request r on r.id = a.rfi_id
         where r.status = 'ROUTED' and a.status in ('PENDING', 'ACKNOWLEDGED') and a.paused_since is null
           and a.due_at < ? and a.escalation_level < 3
         limit 500`,
        [now],
      );
      let count = 0;
      for (const { rfi_id } of due) count += await this.rfis.escalate(tx, rfi_id, now);
      return count;
    });
    if (raised) this.logger.log(`Escalated ${raised} overdue assignment(s)`);
    return raised ?? 0;
  }
}
