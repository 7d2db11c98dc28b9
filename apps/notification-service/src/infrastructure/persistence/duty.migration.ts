import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

class DutyMigration extends Migration {
  override async up(): Promise<void> {
    // A party's roster, replaced whole by each PUT; slots as [{ userId, email, from, to }].
    this.addSql(`create table duty_roster (
      party text primary key,
      slots jsonb not null,
      fallback_user_id uuid not null,
      fallback_email text,
      updated_at timestamptz not null,
      updated_by uuid not null
    )`);
    // One page per routing notification (unique): a redelivered event pages nobody twice. The
    // fallback is kept as the roster had it, so each rung climbs to whom was named at the time.
    this.addSql(`create table duty_page (
      id uuid primary key,
      notification_id uuid not null unique,
      party text not null,
      subject jsonb not null,
      assignment_id uuid,
      step text not null,
      paged_user_id uuid,
      paged_user_ids uuid[] not null default '{}',
      fallback_user_id uuid,
      fallback_email text,
      paged_at timestamptz not null,
      escalate_at timestamptz,
      acknowledged_at timestamptz,
      acknowledged_by uuid,
      created_at timestamptz not null
    )`);
    this.addSql(
      'create index duty_page_due on duty_page (escalate_at) where acknowledged_at is null and escalate_at is not null',
    );
    // Mail to send, written in the transaction of the page it is for and sent after it committed:
    // an SMTP server that is down delays a mail, never loses it or rolls back the page.
    this.addSql(`create table email_outbox (
      id uuid primary key,
      recipient text not null,
      subject text not null,
      body text not null,
      created_at timestamptz not null,
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      sent_at timestamptz,
      last_error text
    )`);
    this.addSql(
      'create index email_outbox_pending on email_outbox (next_attempt_at) where sent_at is null',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table email_outbox');
    this.addSql('drop table duty_page');
    this.addSql('drop table duty_roster');
  }
}

export const DUTY_MIGRATION: MigrationObject = {
  name: 'Migration20261128130000_duty',
  class: DutyMigration,
};
