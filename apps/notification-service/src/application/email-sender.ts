import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { PeriodicTask } from '@bp/persistence';
import { nextEmailAttempt } from '../domain/email-retry';
import { EmailOutbox } from '../infrastructure/persistence/email-outbox';
import { SmtpMailer } from '../infrastructure/smtp-mailer';
import {
  NOTIFICATION_SERVICE_SETTINGS,
  NotificationServiceSettings,
} from '../config/notification-service-settings';

const BATCH = 20;

/**
 * Sends the queued e-mails, after the transaction that queued them committed: a failing SMTP
 * server delays a mail (retried with backoff, domain/email-retry.ts), never loses it, and never
 * rolls back the page it announces. Each mail is claimed with `for update skip locked`, so two
 * instances never send the same mail, and its mark commits right after its send.
 */
@Injectable()
export class EmailSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EmailSender.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly orm: MikroORM,
    private readonly outbox: EmailOutbox,
    private readonly mailer: SmtpMailer,
    @Inject(NOTIFICATION_SERVICE_SETTINGS) settings: NotificationServiceSettings,
  ) {
    this.task = new PeriodicTask('E-mail outbox', settings.duty.scanIntervalMs, () =>
      this.sendDue(),
    );
  }

  onApplicationBootstrap(): void {
    if (this.mailer.configured) this.task.start({ immediately: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Up to one batch, each mail in a transaction of its own; answers how many were sent. */
  async sendDue(now = new Date()): Promise<number> {
    let sent = 0;
    for (let i = 0; i < BATCH; i++) {
      const outcome = await this.sendOne(now);
      if (outcome === 'none') break;
      if (outcome === 'sent') sent += 1;
    }
    return sent;
  }

  private sendOne(now: Date): Promise<'sent' | 'failed' | 'none'> {
    const em = this.orm.em.fork() as EntityManager;
    return em.transactional(async (tx) => {
      const [mail] = await this.outbox.claimDue(tx, now, 1);
      if (!mail) return 'none';
      try {
        await this.mailer.send(mail);
      } catch (error) {
        // The address is not logged: it is personal data, and the outbox row has it.
        this.logger.warn(
          `E-mail ${mail.id} failed (attempt ${mail.attempts + 1}): ${String(error)}`,
        );
        await this.outbox.markFailed(
          tx,
          mail.id,
          nextEmailAttempt(mail.attempts, new Date()),
          String(error),
        );
        return 'failed';
      }
      await this.outbox.markSent(tx, mail.id, new Date());
      return 'sent';
    });
  }
}
