import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { SECRETARIAT, onePerson } from '../domain/audience';
import { PageTarget } from '../domain/page-escalation';
import { pageEmail } from '../domain/page-email';
import { NotificationStore } from '../infrastructure/persistence/notification-store';
import { DutyPage } from '../infrastructure/persistence/duty-pages';
import { EmailOutbox } from '../infrastructure/persistence/email-outbox';
import {
  NOTIFICATION_SERVICE_SETTINGS,
  NotificationServiceSettings,
} from '../config/notification-service-settings';
import { NOTIFICATION_FAN_OUT, NotificationListener } from './notification-listener';

/**
 * Reaches whom one rung of a page names: a DUTY_PAGE notification to that one person (or to the
 * secretariat), handed to the fan-out like any notification (stream, webhooks), and an e-mail to
 * the person's address where SMTP is configured, queued in the same transaction.
 */
@Injectable()
export class PageDelivery {
  constructor(
    private readonly store: NotificationStore,
    private readonly outbox: EmailOutbox,
    // The fan-out hands notifications to the pager, whose pages come back here: looked up when
    // used (NOTIFICATION_FAN_OUT), so the two need not be built in a circle.
    private readonly modules: ModuleRef,
    @Inject(NOTIFICATION_SERVICE_SETTINGS) private readonly settings: NotificationServiceSettings,
  ) {}

  async deliver(em: EntityManager, page: DutyPage, target: PageTarget, now: Date): Promise<void> {
    const audience =
      target.step === 'SECRETARIAT' ? SECRETARIAT : onePerson(target.contact.userId, page.party);
    const stored = await this.store.add(
      em,
      randomUUID(),
      [
        {
          kind: 'DUTY_PAGE',
          audience,
          subject: page.subject,
          details: {
            pageId: page.id,
            step: target.step,
            party: page.party,
            ...(page.assignmentId ? { assignmentId: page.assignmentId } : {}),
          },
        },
      ],
      now,
    );
    await this.modules
      .get<NotificationListener>(NOTIFICATION_FAN_OUT, { strict: false })
      .stored(em, stored);
    const email = target.step === 'SECRETARIAT' ? null : target.contact.email;
    if (email && this.settings.email.smtpUrl) {
      const mail = pageEmail(
        { pageId: page.id, rfiId: page.subject.id, reference: page.subject.reference ?? '' },
        this.settings.email.publicUrl,
      );
      await this.outbox.enqueue(
        em,
        { recipient: email, subject: mail.subject, body: mail.text },
        now,
      );
    }
  }
}
