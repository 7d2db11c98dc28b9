import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

class NotificationMigration extends Migration {
  override async up(): Promise<void> {
    // One row per event and audience: the unique pair makes a redelivered event (or a second
    // instance racing on a rebalance) store nothing twice, beside the inbox that already stops it.
    this.addSql(`create table notification (
      id uuid primary key,
      event_id uuid not null,
      audience_key text not null,
      audience_role text not null,
      audience_party text,
      kind text not null,
      subject jsonb not null,
      details jsonb not null default '{}'::jsonb,
      created_at timestamptz not null,
      unique (event_id, audience_key)
    )`);
    this.addSql(
      'create index notification_inbox on notification (audience_key, created_at desc, id desc)',
    );
    this.addSql(
      'create index notification_inbox_kind on notification (audience_key, kind, created_at desc, id desc)',
    );
    // Read marks are per user: a party's focal points share the notification, not the mark.
    this.addSql(`create table notification_read (
      user_id uuid not null,
      notification_id uuid not null references notification (id) on delete cascade,
      read_at timestamptz not null,
      primary key (user_id, notification_id)
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table notification_read');
    this.addSql('drop table notification');
  }
}

export const NOTIFICATION_MIGRATION: MigrationObject = {
  name: 'Migration20261128100000_notification',
  class: NotificationMigration,
};
