import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * `rfi_assignment.due_soon_reminded_at`: when the holder was told the assignment falls due soon
 * (domain/assignment.ts remindDueSoon). Set under the RFI's row lock in the transaction that stages
 * the `rfi.due-soon` event, so a reminder is sent once however many instances scan. Assignments
 * that exist already start unreminded: those past their share of time and not yet overdue are
 * reminded at the first scan, which is what their holders need.
 */
class DueSoonReminderMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table rfi_assignment add column due_soon_reminded_at timestamptz');
    // The scan reads only open assignments not yet reminded nor overdue.
    this.addSql(
      `create index rfi_assignment_due_soon on rfi_assignment (due_at)
       where status in ('PENDING', 'ACKNOWLEDGED') and due_soon_reminded_at is null and escalation_level = 0`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index rfi_assignment_due_soon');
    this.addSql('alter table rfi_assignment drop column due_soon_reminded_at');
  }
}

export const DUE_SOON_REMINDER_MIGRATION: MigrationObject = {
  name: 'Migration20261128140000_due_soon_reminder',
  class: DueSoonReminderMigration,
};
