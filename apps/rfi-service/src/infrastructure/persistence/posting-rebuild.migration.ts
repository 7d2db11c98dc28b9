import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * Where a rebuild of the postings projection is built before it replaces the live rows in one
 * transaction (postings-rebuild.ts), so officers never meet an empty or half-built projection.
 * A table of the schema, not a temporary one: the runtime role may not create tables.
 */
class PostingRebuildMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table posting_rebuild (like posting including defaults)`);
    this.addSql(`alter table posting_rebuild add primary key (deployment_id)`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table posting_rebuild');
  }
}

export const POSTING_REBUILD_MIGRATION: MigrationObject = {
  name: 'Migration20261128230000_posting_rebuild',
  class: PostingRebuildMigration,
};
