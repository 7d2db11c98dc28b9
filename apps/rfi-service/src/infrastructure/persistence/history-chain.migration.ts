import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';
import { rechainSql } from './history-rechain.sql';

/**
 * Each RFI's history as a hash chain, kept by the database itself so that no writer can skip it:
 * a BEFORE INSERT trigger numbers the line (`seq`, 1, 2, ...), links it to the previous line's hash
 * (the first to a hash of the RFI's id) and hashes the line's content with that link. The newest
 * link of every RFI is also kept in `rfi_history_head`, so removing the newest lines is seen too.
 * Lines of one RFI are chained one at a time under a transaction-scoped advisory lock on the RFI:
 * reads append BODY_READ lines without holding the RFI's row lock.
 *
 * The history is append-only: UPDATE, DELETE and TRUNCATE are refused by triggers, for every
 * role. Someone who can switch triggers off can still change rows, which is what the chain is for:
 * `GET /rfis/{id}/history/verify` and `node dist/apps/rfi-service/src/verify-history.js`
 * recompute it with the same function (rfi_history_hash) and report the first broken link.
 */
class HistoryChainMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table rfi_history
      add column seq integer, add column prev_hash bytea, add column hash bytea`);
    this.addSql(`create table rfi_history_head (
      rfi_id uuid primary key,
      seq integer not null,
      hash bytea not null
    )`);
    this.addSql(`create function rfi_history_genesis(rfi uuid) returns bytea
      language sql immutable strict as
      $$ select sha256(convert_to('bp-rfi-history:' || rfi::text, 'UTF8')) $$`);
    // quote_nullable keeps NULL and '' apart and no value can pass for a separator.
    this.addSql(`create function rfi_history_hash(prev bytea, line rfi_history) returns bytea
      language sql immutable as
      $$ select sha256(prev || convert_to(concat_ws(chr(31),
           line.rfi_id::text,
           line.seq::text,
           to_char(line.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
           quote_nullable(line.action),
           quote_nullable(line.actor_user_id::text),
           quote_nullable(line.actor_username),
           quote_nullable(line.actor_role),
           quote_nullable(line.actor_party),
           quote_nullable(line.assignment_id::text),
           quote_nullable(line.details::text)), 'UTF8')) $$`);
    this.backfill();
    // The backfill queued the deferred foreign-key checks of the rows it touched; ALTER TABLE
    // refuses to run with trigger events pending on its table.
    this.addSql('set constraints all immediate');
    this.addSql(`alter table rfi_history
      alter column seq set not null, alter column prev_hash set not null, alter column hash set not null`);
    this.addSql('create unique index rfi_history_chain on rfi_history (rfi_id, seq)');
    this.addSql(`create function rfi_history_chain() returns trigger language plpgsql as $$
      declare
        head rfi_history_head%rowtype;
      begin
        perform pg_advisory_xact_lock(${HISTORY_LOCK_CLASS}, hashtext(new.rfi_id::text));
        select * into head from rfi_history_head where rfi_id = new.rfi_id;
        new.seq := coalesce(head.seq, 0) + 1;
        new.prev_hash := coalesce(head.hash, rfi_history_genesis(new.rfi_id));
        new.hash := rfi_history_hash(new.prev_hash, new);
        insert into rfi_history_head (rfi_id, seq, hash) values (new.rfi_id, new.seq, new.hash)
          on conflict (rfi_id) do update set seq = excluded.seq, hash = excluded.hash;
        return new;
      end $$`);
    this.addSql(`create trigger rfi_history_chain before insert on rfi_history
      for each row execute function rfi_history_chain()`);
    this.addSql(`create function rfi_history_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'rfi_history is append-only: % refused', tg_op
          using errcode = 'insufficient_privilege';
      end $$`);
    this.addSql(`create trigger rfi_history_append_only before update or delete on rfi_history
      for each statement execute function rfi_history_append_only()`);
    this.addSql(`create trigger rfi_history_no_truncate before truncate on rfi_history
      for each statement execute function rfi_history_append_only()`);
  }

  /**
   * Chains the lines written before this migration, in the order they were written (id): numbers
   * first, then one statement per depth, each linking every RFI's line at that depth to the one
   * before it.
   */
  private backfill(): void {
    this.addSql(`update rfi_history h set seq = n.seq
      from (select id, row_number() over (partition by rfi_id order by id) as seq from rfi_history) n
      where n.id = h.id`);
    this.addSql(rechainSql());
    this.addSql(`insert into rfi_history_head (rfi_id, seq, hash)
      select distinct on (rfi_id) rfi_id, seq, hash from rfi_history order by rfi_id, seq desc`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger rfi_history_no_truncate on rfi_history');
    this.addSql('drop trigger rfi_history_append_only on rfi_history');
    this.addSql('drop function rfi_history_append_only()');
    this.addSql('drop trigger rfi_history_chain on rfi_history');
    this.addSql('drop function rfi_history_chain()');
    this.addSql('drop index rfi_history_chain');
    this.addSql('drop function rfi_history_hash(bytea, rfi_history)');
    this.addSql('drop function rfi_history_genesis(uuid)');
    this.addSql('drop table rfi_history_head');
    this.addSql('alter table rfi_history drop column seq, drop column prev_hash, drop column hash');
  }
}

/** The first key of the two-key advisory locks that chain one RFI's history at a time. */
export const HISTORY_LOCK_CLASS = 0x6869; // "hi"

export const HISTORY_CHAIN_MIGRATION: MigrationObject = {
  name: 'Migration20261128140000_history_chain',
  class: HistoryChainMigration,
};
