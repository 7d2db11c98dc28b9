import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * Requests' titles are no longer kept here (a title may name a person and must go when the
 * request's retention ends; the gateway asks the rfi-service for it when it shows a notification).
 * Drops the titles kept so far from notifications, duty pages, webhook payloads and the outbox's
 * notification.created events, and the index that served dropping one request's titles.
 */
class RfiTitlesDroppedMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update notification set subject = subject - 'title'
      where subject ->> 'type' = 'rfi' and subject -> 'title' is not null`);
    this.addSql(`update duty_page set subject = subject - 'title'
      where subject ->> 'type' = 'rfi' and subject -> 'title' is not null`);
    this.addSql(`update webhook_delivery
      set payload = (payload::jsonb #- '{data,subject,title}')::text
      where payload::jsonb #>> '{data,subject,type}' = 'rfi'`);
    this.addSql(`update outbox_message set envelope = envelope #- '{data,subject,title}'
      where envelope #>> '{data,subject,type}' = 'rfi'`);
    this.addSql('drop index notification_subject');
  }

  override async down(): Promise<void> {
    this.addSql(
      `create index notification_subject on notification ((subject ->> 'type'), (subject ->> 'id'))`,
    );
  }
}

export const RFI_TITLES_DROPPED_MIGRATION: MigrationObject = {
  name: 'Migration20261130070000_rfi_titles_dropped',
  class: RfiTitlesDroppedMigration,
};
