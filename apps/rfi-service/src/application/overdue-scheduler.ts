import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { RequestsForInformation } from './rfi-use-cases';
import { RfiSettings } from './rfi-settings';

/** Any fixed number works; it only has to differ from the outbox relay's locks. */
const SCAN_LOCK = 0x62_70_6f_64; // "bpod"

/**
 * Finds assignments past due and escalates them. Safe with several instances: one scan at a time
 * holds a transaction-scoped advisory lock, and each RFI is changed under its row lock, so an
 * escalation level is announced once.
 */
@Injectable()
export class OverdueScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OverdueScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly orm: MikroORM,
    private readonly rfis: RequestsForInformation,
    private readonly settings: RfiSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.scan()
        .then(
          () => undefined,
          (error: unknown) => this.logger.warn(`Overdue scan failed: ${String(error)}`),
        )
        .finally(() => (this.running = undefined));
    }, this.settings.overdueScanIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many assignments climbed a level. */
  async scan(now = new Date()): Promise<number> {
    const em = this.orm.em.fork() as EntityManager;
    return em.transactional(async (tx) => {
      const [lock] = await tx.execute<{ locked: boolean }[]>(
        'select pg_try_advisory_xact_lock(?) as locked',
        [SCAN_LOCK],
      );
      if (!lock?.locked) return 0;
      const due = await tx.execute<{ rfi_id: string }[]>(
        `select distinct a.rfi_id from rfi_assignment a join information_request r on r.id = a.rfi_id
         where r.status = 'ROUTED' and a.status in ('PENDING', 'ACKNOWLEDGED') and a.paused_since is null
           and a.due_at < ? and a.escalation_level < 3
         limit 500`,
        [now],
      );
      let raised = 0;
      for (const { rfi_id } of due) raised += await this.rfis.escalate(tx, rfi_id, now);
      if (raised) this.logger.log(`Escalated ${raised} overdue assignment(s)`);
      return raised;
    });
  }
}
