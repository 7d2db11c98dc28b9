import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * Retention (domain/retention/): when a request's bodies were deleted at the end of its period
 * (the row stays as its tombstone), and the legal holds that suspend the deletion, one per holder.
 */
class RetentionMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table information_request add column deleted_at timestamptz');
    this.addSql(`create table rfi_legal_hold (
      rfi_id uuid not null references information_request (id),
      holder text not null check (holder in ('REQUESTER', 'SECRETARIAT')),
      reason text not null check (length(reason) between 1 and 2000),
      placed_by_user_id uuid not null,
      placed_at timestamptz not null,
      primary key (rfi_id, holder)
    )`);
    this.addSql(
      `create index information_request_ended on information_request (closed_at)
       where closed_at is not null and deleted_at is null`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table rfi_legal_hold');
    this.addSql('alter table information_request drop column deleted_at');
  }
}

export const RETENTION_MIGRATION: MigrationObject = {
  name: 'Migration20261130050000_retention',
  class: RetentionMigration,
};
