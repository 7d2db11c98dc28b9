import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/** What pruning looks rows up by (service/record-retention.ts), so it never scans a whole table. */
class RecordRetentionMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index inbox_message_handled_at on inbox_message (handled_at)');
    this.addSql('create index idempotency_record_created_at on idempotency_record (created_at)');
  }

  override async down(): Promise<void> {
    this.addSql('drop index inbox_message_handled_at');
    this.addSql('drop index idempotency_record_created_at');
  }
}

export const RECORD_RETENTION_MIGRATION: MigrationObject = {
  name: 'Migration20261129100000_record_retention',
  class: RecordRetentionMigration,
};
