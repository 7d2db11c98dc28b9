import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * Parked rows are counted on every tick of the outbox gauges by every instance; without an index
 * that count would scan the published rows kept for inspection. Parked rows are few, and the index
 * holds nothing else.
 */
export class OutboxParkedIndexMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create index outbox_message_parked on outbox_message (position) where parked_at is not null',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists outbox_message_parked');
  }
}

export const OUTBOX_PARKED_INDEX_MIGRATION: MigrationObject = {
  name: 'Migration20261129090000_outbox_parked_index',
  class: OutboxParkedIndexMigration,
};
