import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/** Finds a subject's notifications, for dropping its title when the subject is deleted. */
class NotificationSubjectMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index notification_subject on notification ((subject ->> 'type'), (subject ->> 'id'))`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index notification_subject');
  }
}

export const NOTIFICATION_SUBJECT_MIGRATION: MigrationObject = {
  name: 'Migration20261130060000_notification_subject',
  class: NotificationSubjectMigration,
};
