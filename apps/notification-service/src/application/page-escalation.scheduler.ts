import { Inject, Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ScheduledPass, runExclusively } from '@bp/persistence';
import { escalationDueAt, nextPageTarget } from '../domain/page-escalation';
import { DutyPages } from '../infrastructure/persistence/duty-pages';
import {
  NOTIFICATION_SERVICE_SETTINGS,
  NotificationServiceSettings,
} from '../config/notification-service-settings';
import { PageDelivery } from './page-delivery';

const BATCH = 100;

/**
 * Climbs unacknowledged pages whose time is up: to the fallback, then the secretariat. Safe with
 * several instances: one scan at a time (runExclusively), each page under its row lock (skip
 * locked), and an acknowledgement takes the same lock, so each rung is paged exactly once and
 * never after the page was acknowledged.
 */
@Injectable()
export class PageEscalationScheduler extends ScheduledPass {
  private readonly logger = new Logger(PageEscalationScheduler.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly pages: DutyPages,
    private readonly delivery: PageDelivery,
    @Inject(NOTIFICATION_SERVICE_SETTINGS) private readonly settings: NotificationServiceSettings,
  ) {
    super('Duty page scan', settings.duty.scanIntervalMs);
  }

  /** One pass; answers how many pages climbed (0 when another instance is scanning). */
  async pass(now = new Date()): Promise<number> {
    const climbed = await runExclusively(this.orm, 'duty-page-escalation', (tx) =>
      this.climbDue(tx as EntityManager, now),
    );
    if (climbed) this.logger.log(`Paged the next contact of ${climbed} unacknowledged page(s)`);
    return climbed ?? 0;
  }

  private async climbDue(em: EntityManager, now: Date): Promise<number> {
    const due = await this.pages.lockDue(em, now, BATCH);
    for (const page of due) {
      const target = nextPageTarget({ step: page.step, userId: page.pagedUserId }, page.fallback);
      if (!target) {
        await this.pages.update(em, { ...page, escalateAt: null });
        continue;
      }
      const contact = target.step === 'SECRETARIAT' ? null : target.contact;
      const climbed = {
        ...page,
        step: target.step,
        pagedUserId: contact?.userId ?? null,
        pagedUserIds: contact ? [...page.pagedUserIds, contact.userId] : page.pagedUserIds,
        pagedAt: now,
        escalateAt: escalationDueAt(target.step, now, this.settings.duty.ackTimeoutMs),
      };
      await this.pages.update(em, climbed);
      await this.delivery.deliver(em, climbed, target, now);
    }
    return due.length;
  }
}
