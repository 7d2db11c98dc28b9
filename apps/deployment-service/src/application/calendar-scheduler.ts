import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { PeriodicTask, runExclusively } from '@bp/persistence';
import { today } from '../domain/calendar-date';
import {
  DEPLOYMENT_SERVICE_SETTINGS,
  DeploymentServiceSettings,
} from '../config/deployment-service-settings';
import { Deployments } from './deployment-use-cases';

/**
 * Starts approved postings on their start date and ends active ones after their end date. Safe
 * with several instances: one pass at a time runs (runExclusively), and each posting changes
 * under its row lock.
 */
@Injectable()
export class CalendarScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CalendarScheduler.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly orm: MikroORM,
    private readonly deployments: Deployments,
    @Inject(DEPLOYMENT_SERVICE_SETTINGS)
    settings: Pick<DeploymentServiceSettings, 'calendarIntervalMs'>,
  ) {
    this.task = new PeriodicTask('Calendar pass', settings.calendarIntervalMs, () => this.pass());
  }

  onApplicationBootstrap(): void {
    // At once too: a service that was down over midnight catches up on start.
    this.task.start({ immediately: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass; returns how many postings started or ended (0 if another instance is passing). */
  async pass(now = new Date()): Promise<number> {
    const changed = await runExclusively(this.orm, 'deployment-calendar', async (tx) => {
      const day = today(now);
      const due = await tx.execute<{ id: string }[]>(
        `select id from deployment
         where (status = 'APPROVED' and start_date <= ?::date) or (status = 'ACTIVE' and end_date < ?::date)
         limit 500`,
        [day, day],
      );
      let count = 0;
      for (const { id } of due) if (await this.deployments.advanceCalendar(tx, id, now)) count += 1;
      return count;
    });
    if (changed) this.logger.log(`Calendar moved ${changed} posting(s)`);
    return changed ?? 0;
  }
}
