import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { migrateDatabase, mikroOrmOptions } from '@bp/persistence';
import { DATABASE_URL } from '../../../test/support/test-env';
import { dropTestDatabase } from '../../../test/support/database-fixtures';
import { SmtpReceiver } from '../../../test/support/smtp-receiver';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import { EmailOutbox } from '../src/infrastructure/persistence/email-outbox';
import { SmtpMailer } from '../src/infrastructure/smtp-mailer';
import { EmailSender } from '../src/application/email-sender';
import { loadNotificationServiceSettings } from '../src/config/notification-service-settings';

describe('the e-mail outbox with two senders and an SMTP server in trouble (real PostgreSQL, real SMTP)', () => {
  const config = ormConfig({ serverUrl: DATABASE_URL, name: 'bp_notification_email_it' });
  const smtp = new SmtpReceiver(2);
  let orm: MikroORM;
  let senders: EmailSender[];
  let mailers: SmtpMailer[];

  beforeAll(async () => {
    await dropTestDatabase(config.database);
    await migrateDatabase(config);
    orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(config));
    const settings = loadNotificationServiceSettings({ SMTP_URL: await smtp.start() });
    mailers = [new SmtpMailer(settings), new SmtpMailer(settings)];
    senders = mailers.map((mailer) => new EmailSender(orm, new EmailOutbox(), mailer, settings));
  });
  afterAll(async () => {
    for (const mailer of mailers) mailer.onApplicationShutdown();
    await smtp.stop();
    await orm.close(true);
  });

  it('sends every queued mail exactly once: refused ones later, never twice', async () => {
    const outbox = new EmailOutbox();
    const now = new Date();
    await (orm.em.fork() as EntityManager).transactional(async (tx) => {
      for (const n of [1, 2, 3, 4])
        await outbox.enqueue(
          tx,
          { recipient: `duty-${n}@example.org`, subject: `Page ${n}`, body: `Mail ${n}` },
          now,
        );
    });

    // Two instances at once: each mail is claimed by one; the first two deliveries are refused.
    const first = await Promise.all(senders.map((sender) => sender.sendDue(now)));
    expect(first[0]! + first[1]!).toBe(2);
    expect(smtp.refused).toBe(2);
    // The refused ones wait for their next attempt: not sent again at once.
    expect(await Promise.all(senders.map((sender) => sender.sendDue(now)))).toEqual([0, 0]);

    const later = new Date(now.getTime() + 60_000);
    const second = await Promise.all(senders.map((sender) => sender.sendDue(later)));
    expect(second[0]! + second[1]!).toBe(2);

    expect(smtp.mails.map((mail) => mail.subject).sort()).toEqual([
      'Page 1',
      'Page 2',
      'Page 3',
      'Page 4',
    ]);
    for (const mail of smtp.mails)
      expect(mail.to).toEqual([`duty-${mail.subject.slice(5)}@example.org`]);
    const rows = await (orm.em.fork() as EntityManager).execute<
      { attempts: number; sent_at: Date | null }[]
    >('select attempts, sent_at from email_outbox');
    expect(rows.every((row) => row.sent_at !== null)).toBe(true);
    expect(rows.map((row) => row.attempts).sort()).toEqual([1, 1, 2, 2]);
  });
});
