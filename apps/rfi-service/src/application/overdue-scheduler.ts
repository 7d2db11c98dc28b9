import { Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ScheduledPass, runExclusively } from '@bp/persistence';
import { RfiSystemWork } from './rfi-system-work';
import { RfiSettings } from './rfi-settings';

/**
 * Reminds holders of assignments due soon, then finds assignments whose next escalation level is
 * due and escalates them. One instance picks the work of a pass (runExclusively); each RFI is then
 * changed in a transaction of its own under its row lock, so a reminder and an escalation level
 * are announced once even if another instance's pass reaches the same RFI, one RFI that fails
 * costs only its own change, and a user's command on an RFI waits for that RFI alone. Reminders
 * go first, with the same `now`: an assignment already past due is escalated, never reminded.
 */
@Injectable()
export class OverdueScheduler extends ScheduledPass {
  private readonly logger = new Logger(OverdueScheduler.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly work: RfiSystemWork,
    settings: RfiSettings,
  ) {
    super('Overdue scan', settings.overdueScanIntervalMs);
  }

  /** One pass: how many assignments were reminded, how many climbed a level (0, 0 if another instance scans). */
  async pass(now = new Date()): Promise<ScanResult> {
    const due = await runExclusively(this.orm, 'rfi-overdue-scan', async (tx) => ({
      dueSoon: await this.work.dueSoon(tx, now),
      overdue: await this.work.overdue(tx, now),
    }));
    const result: ScanResult = { reminded: 0, raised: 0, failed: 0 };
    if (!due) return result;
    for (const rfiId of due.dueSoon)
      result.reminded += await this.onItsOwn(rfiId, result, (tx) =>
        this.work.remindDueSoon(tx, rfiId, now),
      );
    for (const rfiId of due.overdue)
      result.raised += await this.onItsOwn(rfiId, result, (tx) =>
        this.work.escalate(tx, rfiId, now),
      );
    if (result.reminded) this.logger.log(`Reminded ${result.reminded} assignment(s) due soon`);
    if (result.raised) this.logger.log(`Escalated ${result.raised} overdue assignment(s)`);
    return result;
  }

  private async onItsOwn(
    rfiId: string,
    result: ScanResult,
    change: (tx: EntityManager) => Promise<number>,
  ): Promise<number> {
    try {
      return await (this.orm.em.fork() as EntityManager).transactional(change);
    } catch (error) {
      result.failed += 1;
      this.logger.error(
        `RFI ${rfiId} not reminded or escalated in this pass: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 0;
    }
  }
}

export interface ScanResult {
  reminded: number;
  raised: number;
  /** RFIs whose change failed; the next pass tries them again. */
  failed: number;
}
