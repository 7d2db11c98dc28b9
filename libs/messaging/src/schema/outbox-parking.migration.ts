import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';
import { MESSAGING_MIGRATION } from './messaging-schema.migration';
import { OUTBOX_PARKED_INDEX_MIGRATION } from './outbox-parked-index.migration';
import { RECORD_RETENTION_MIGRATION } from './record-retention.migration';

/**
 * An outbox row the broker refuses for what it is (too large, a topic this service may not write)
 * is parked with the broker's reason instead of blocking every later event of its service. The
 * relay's poll, and its index, skip parked rows.
 */
export class OutboxParkingMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table outbox_message add column parked_at timestamptz, add column parked_reason text',
    );
    this.addSql('drop index outbox_message_unpublished');
    this.addSql(`create index outbox_message_unpublished on outbox_message (position)
      where published_at is null and parked_at is null`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index outbox_message_unpublished');
    this.addSql(
      'create index outbox_message_unpublished on outbox_message (position) where published_at is null',
    );
    this.addSql('alter table outbox_message drop column parked_at, drop column parked_reason');
  }
}

export const OUTBOX_PARKING_MIGRATION: MigrationObject = {
  name: 'Migration20261128193000_outbox_parking',
  class: OutboxParkingMigration,
};

/** The messaging tables every service needs, in order: list them first among its migrations. */
export const MESSAGING_MIGRATIONS: readonly MigrationObject[] = [
  MESSAGING_MIGRATION,
  OUTBOX_PARKING_MIGRATION,
  OUTBOX_PARKED_INDEX_MIGRATION,
  RECORD_RETENTION_MIGRATION,
];
