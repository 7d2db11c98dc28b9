import { Inject, Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ScheduledPass, runExclusively } from '@bp/persistence';
import { today } from '../domain/calendar-date';
import {
  DEPLOYMENT_SERVICE_SETTINGS,
  DeploymentServiceSettings,
} from '../config/deployment-service-settings';
import { DeploymentRepository } from '../infrastructure/persistence/deployment.repository';
import { DeploymentUnitOfWork } from '../infrastructure/persistence/deployment.unit-of-work';

/**
 * Starts approved postings on their start date and ends active ones after their end date. Safe
 * with several instances: one pass at a time runs (runExclusively), and each posting changes
 * under its row lock.
 */
@Injectable()
export class CalendarScheduler extends ScheduledPass {
  private readonly logger = new Logger(CalendarScheduler.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly deployments: DeploymentRepository,
    private readonly unitOfWork: DeploymentUnitOfWork,
    @Inject(DEPLOYMENT_SERVICE_SETTINGS)
    settings: Pick<DeploymentServiceSettings, 'calendarIntervalMs'>,
  ) {
    // At once too: a service that was down over midnight catches up on start.
    super('Calendar pass', settings.calendarIntervalMs, true);
  }

  /** One pass; returns how many postings started or ended (0 if another instance is passing). */
  async pass(now = new Date()): Promise<number> {
    const changed = await runExclusively(this.orm, 'deployment-calendar', async (tx) => {
      let count = 0;
      for (const id of await this.deployments.dueOn(tx, today(now)))
        if (await this.advance(tx, id, now)) count += 1;
      return count;
    });
    if (changed) this.logger.log(`Calendar moved ${changed} posting(s)`);
    return changed ?? 0;
  }

  /** The calendar's part for one posting, the system's own change: whether its status moved. */
  private async advance(em: EntityManager, deploymentId: string, now: Date): Promise<boolean> {
    let moved = false;
    await this.unitOfWork.systemChange(em, deploymentId, (deployment) => {
      const before = deployment.status;
      deployment.advanceCalendar(now);
      moved = deployment.status !== before;
    });
    return moved;
  }
}
