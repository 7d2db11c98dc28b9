import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { today } from '../domain/calendar-date';
import { Deployments } from './deployment-use-cases';

const CALENDAR_LOCK = 0x62_70_63_61; // "bpca"

/**
 * Starts approved postings on their start date and ends active ones after their end date. Safe
 * with several instances: one pass at a time holds a transaction-scoped advisory lock, and each
 * posting changes under its row lock.
 */
@Injectable()
export class CalendarScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CalendarScheduler.name);
  private readonly intervalMs = Number(process.env.DEPLOYMENT_CALENDAR_INTERVAL_MS ?? 60_000);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly orm: MikroORM,
    private readonly deployments: Deployments,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running ??= this.pass()
        .then(
          () => undefined,
          (error: unknown) => this.logger.warn(`Calendar pass failed: ${String(error)}`),
        )
        .finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async pass(now = new Date()): Promise<number> {
    const em = this.orm.em.fork() as EntityManager;
    return em.transactional(async (tx) => {
      const [lock] = await tx.execute<{ locked: boolean }[]>(
        'select pg_try_advisory_xact_lock(?) as locked',
        [CALENDAR_LOCK],
      );
      if (!lock?.locked) return 0;
      const day = today(now);
      const due = await tx.execute<{ id: string }[]>(
        `select id from deployment where (status = 'APPROVED' and start_date <= ?::date) or (status = 'ACTIVE' and end_date < ?::date) limit 500`,
        [day, day],
      );
      let changed = 0;
      for (const { id } of due)
        if (await this.deployments.advanceCalendar(tx, id, now)) changed += 1;
      if (changed) this.logger.log(`Calendar moved ${changed} posting(s)`);
      return changed;
    });
  }
}
