import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/** The stream's head (the highest committed position) is asked at every stream's opening. */
class StreamHeadMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index notification_by_position on notification (position)');
  }

  override async down(): Promise<void> {
    this.addSql('drop index notification_by_position');
  }
}

export const STREAM_HEAD_MIGRATION: MigrationObject = {
  name: 'Migration20261128131000_stream_head',
  class: StreamHeadMigration,
};
