import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * The history without its reads, indexed: a request's version (the last change a caller may see)
 * and its changes are read on every read of it and in every list, and each read of a body adds a
 * line. Through rfi_history_rfi those queries step over every read ever recorded, so a request
 * read ten thousand times cost ten thousand rows per read. The predicate is the read actions of
 * today, written out: a query that leaves out more actions still implies it.
 */
class HistoryChangesIndexMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index rfi_history_changes on rfi_history (rfi_id, id)
       where action not in ('BODY_READ', 'ATTACHMENT_DOWNLOADED')`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index rfi_history_changes');
  }
}

export const HISTORY_CHANGES_INDEX_MIGRATION: MigrationObject = {
  name: 'Migration20261130110000_history_changes_index',
  class: HistoryChangesIndexMigration,
};
