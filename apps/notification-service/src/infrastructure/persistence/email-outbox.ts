import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';

/** One e-mail to send. */
export interface OutgoingEmail {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * E-mails waiting to be sent: written in the transaction of what they announce, claimed by one
 * instance at a time (`for update skip locked`), marked sent, or given a later attempt.
 */
@Injectable()
export class EmailOutbox {
  async enqueue(
    em: EntityManager,
    mail: { recipient: string; subject: string; body: string },
    now: Date,
  ): Promise<void> {
    await em.execute(
      `insert into email_outbox (id, recipient, subject, body, created_at, next_attempt_at)
       values (?, ?, ?, ?, ?, ?)`,
      [randomUUID(), mail.recipient, mail.subject, mail.body, now, now],
    );
  }

  async claimDue(em: EntityManager, now: Date, limit: number): Promise<OutgoingEmail[]> {
    return em.execute<OutgoingEmail[]>(
      `select id, recipient, subject, body, attempts from email_outbox
       where sent_at is null and next_attempt_at <= ?
       order by next_attempt_at limit ? for update skip locked`,
      [now, limit],
    );
  }

  async markSent(em: EntityManager, id: string, now: Date): Promise<void> {
    await em.execute(
      `update email_outbox set sent_at = ?, attempts = attempts + 1, last_error = null where id = ?`,
      [now, id],
    );
  }

  /** A failed attempt; `next` null gives up (the row stays, with its last error, for an operator). */
  async markFailed(em: EntityManager, id: string, next: Date | null, error: string): Promise<void> {
    await em.execute(
      `update email_outbox set attempts = attempts + 1, last_error = ?,
         next_attempt_at = coalesce(?::timestamptz, 'infinity'::timestamptz) where id = ?`,
      [error.slice(0, 500), next, id],
    );
  }
}
