import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';
import { HISTORY_LOCK_CLASS } from './history-chain.migration';

/**
 * One lock order for every writer of an RFI's history: the RFI's row first, then the chain's
 * advisory lock. A command holds the RFI's row FOR UPDATE and then chains its lines; a read
 * chained its BODY_READ line first and only then took the row (FOR KEY SHARE, for the foreign
 * key), so the two could wait on each other (40P01, seen as a 503 on a read). The trigger now takes
 * the row FOR KEY SHARE before the advisory lock, which waits for the command instead. It stays
 * SECURITY DEFINER with its fixed search_path (history-head-definer.migration.ts).
 */
class HistoryLockOrderMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(chainFunction(true));
  }

  override async down(): Promise<void> {
    this.addSql(chainFunction(false));
  }
}

function chainFunction(rowFirst: boolean): string {
  return `create or replace function rfi_history_chain() returns trigger language plpgsql
    security definer set search_path = pg_catalog, public, pg_temp as $$
      declare
        head rfi_history_head%rowtype;
      begin
        ${rowFirst ? 'perform 1 from information_request where id = new.rfi_id for key share;' : ''}
        perform pg_advisory_xact_lock(${HISTORY_LOCK_CLASS}, hashtext(new.rfi_id::text));
        select * into head from rfi_history_head where rfi_id = new.rfi_id;
        new.seq := coalesce(head.seq, 0) + 1;
        new.prev_hash := coalesce(head.hash, rfi_history_genesis(new.rfi_id));
        new.hash := rfi_history_hash(new.prev_hash, new);
        insert into rfi_history_head (rfi_id, seq, hash) values (new.rfi_id, new.seq, new.hash)
          on conflict (rfi_id) do update set seq = excluded.seq, hash = excluded.hash;
        return new;
      end $$`;
}

export const HISTORY_LOCK_ORDER_MIGRATION: MigrationObject = {
  name: 'Migration20261128170000_history_lock_order',
  class: HistoryLockOrderMigration,
};
