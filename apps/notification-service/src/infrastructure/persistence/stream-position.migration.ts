import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * Each notification's place in the live stream (the SSE `id`), drawn from one sequence in commit
 * order (stream-positions.ts says how). Notifications stored before it are numbered in the order
 * they were made. The column stays nullable as this migration left it; since session 20 a new
 * notification draws its position in its own insert (notification-store.ts), so no committed row
 * lacks one.
 */
class StreamPositionMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('create sequence notification_position as bigint');
    this.addSql('alter table notification add column position bigint');
    this.addSql(`update notification n set position = numbered.position
      from (select id, nextval('notification_position') as position
            from (select id from notification order by created_at, id) ordered) numbered
      where n.id = numbered.id`);
    this.addSql('create unique index notification_stream on notification (audience_key, position)');
  }

  override async down(): Promise<void> {
    this.addSql('drop index notification_stream');
    this.addSql('alter table notification drop column position');
    this.addSql('drop sequence notification_position');
  }
}

export const STREAM_POSITION_MIGRATION: MigrationObject = {
  name: 'Migration20261128130000_stream_position',
  class: StreamPositionMigration,
};
