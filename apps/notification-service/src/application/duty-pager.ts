import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { escalationDueAt, firstPageTarget } from '../domain/page-escalation';
import { StoredNotification } from '../infrastructure/persistence/notification-store';
import { DutyRosters } from '../infrastructure/persistence/duty-rosters';
import { DutyPages } from '../infrastructure/persistence/duty-pages';
import {
  NOTIFICATION_SERVICE_SETTINGS,
  NotificationServiceSettings,
} from '../config/notification-service-settings';
import { NotificationListener } from './notification-listener';
import { PageDelivery } from './page-delivery';

/** An URGENT request routed to a party's focal points: what pages its duty contact. */
const isUrgentRouting = (n: StoredNotification) =>
  n.kind === 'RFI_ROUTED' && n.audience.role === 'focal_point' && n.details.priority === 'URGENT';

/**
 * Pages a party's duty contact at once when an URGENT request is routed to it: the person on duty
 * by the party's roster, else its fallback, else (no roster) the secretariat. One page per routing
 * notification, in its transaction, so a redelivered event pages nobody twice.
 */
@Injectable()
export class DutyPager implements NotificationListener {
  constructor(
    private readonly rosters: DutyRosters,
    private readonly pages: DutyPages,
    private readonly delivery: PageDelivery,
    @Inject(NOTIFICATION_SERVICE_SETTINGS) private readonly settings: NotificationServiceSettings,
  ) {}

  async stored(em: EntityManager, notifications: readonly StoredNotification[]): Promise<void> {
    for (const routed of notifications.filter(isUrgentRouting)) {
      if (routed.audience.role !== 'focal_point') continue;
      const party = routed.audience.party;
      const now = routed.createdAt;
      const roster = await this.rosters.of(em, party);
      const target = firstPageTarget(roster, now);
      const contact = target.step === 'SECRETARIAT' ? null : target.contact;
      const page = {
        id: randomUUID(),
        party,
        subject: routed.subject,
        assignmentId:
          typeof routed.details.assignmentId === 'string' ? routed.details.assignmentId : null,
        step: target.step,
        pagedUserId: contact?.userId ?? null,
        pagedUserIds: contact ? [contact.userId] : [],
        // Paged at once already: the fallback is not a later rung.
        fallback: target.step === 'ON_DUTY' ? (roster?.fallback ?? null) : null,
        pagedAt: now,
        escalateAt: escalationDueAt(target.step, now, this.settings.duty.ackTimeoutMs),
        acknowledgedAt: null,
        acknowledgedBy: null,
      };
      if (await this.pages.open(em, routed.id, page))
        await this.delivery.deliver(em, page, target, now);
    }
  }
}
