import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * The runtime role (bp_rfi_app, libs/persistence database-roles.ts) may only read
 * `rfi_history_head` and only SELECT and INSERT `rfi_history`: were it allowed to write the head,
 * it could move an RFI's head and make a cut-off chain look whole. The chaining trigger therefore
 * runs as its owner (the database's owner role): SECURITY DEFINER, with a search_path that no
 * caller can put objects of its own in front of. Nobody calls a trigger function directly, so
 * EXECUTE is taken from PUBLIC; triggers fire without it.
 */
class HistoryHeadDefinerMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter function rfi_history_chain() security definer
      set search_path = pg_catalog, public, pg_temp`);
    this.addSql('revoke execute on function rfi_history_chain() from public');
  }

  override async down(): Promise<void> {
    this.addSql('grant execute on function rfi_history_chain() to public');
    this.addSql('alter function rfi_history_chain() security invoker reset search_path');
  }
}

export const HISTORY_HEAD_DEFINER_MIGRATION: MigrationObject = {
  name: 'Migration20261128160000_history_head_definer',
  class: HistoryHeadDefinerMigration,
};
