import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';
import { rechainSql } from './history-rechain.sql';

/**
 * What people type into a history line (a routing note) is kept beside the hash chain, not in it:
 * the line holds `noteDigest`, sha256(salt || note) with a random salt kept with the note, so the
 * chain still proves the note unchanged, and the note can be deleted at the end of the request's
 * retention without breaking the chain (history-notes.ts).
 *
 * The runtime role may only read and add notes (orm-config.ts, appendOnly): they go when the
 * request's `deleted_at` is set, by a trigger that runs as the owner, so a note cannot be removed
 * without the request showing as deleted; and the history's check finds a live request's line
 * whose note is missing.
 *
 * The notes written before are moved out of their lines (those of requests deleted already are
 * dropped), and the chains of the requests that had one are hashed anew from their first line: a
 * one-time rewrite, made here by the table's owner with the append-only trigger off for this
 * transaction only, and recorded (each chain's head before and after) in rfi_history_rechain,
 * which the runtime role may only read.
 */
class HistoryNotesMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table rfi_history_note (
      digest text primary key,
      rfi_id uuid not null references information_request (id) deferrable initially deferred,
      note text not null,
      salt bytea not null
    )`);
    this.addSql('create index rfi_history_note_rfi on rfi_history_note (rfi_id)');
    this.addSql(`create function rfi_history_note_forget() returns trigger language plpgsql
      security definer set search_path = pg_catalog, public, pg_temp as $$
      begin
        delete from rfi_history_note where rfi_id = new.id;
        return null;
      end $$`);
    this.addSql('revoke execute on function rfi_history_note_forget() from public');
    this
      .addSql(`create trigger rfi_history_note_forget after update of deleted_at on information_request
      for each row when (old.deleted_at is null and new.deleted_at is not null)
      execute function rfi_history_note_forget()`);
    this.addSql(`create table rfi_history_rechain (
      rfi_id uuid primary key references information_request (id),
      old_seq integer not null,
      old_head bytea not null,
      new_head bytea,
      rechained_at timestamptz not null default now()
    )`);
    this.addSql(`create temporary table moved_note on commit drop as
      select id, rfi_id, details ->> 'note' as note,
             convert_to(gen_random_uuid()::text, 'UTF8') as salt
      from rfi_history where jsonb_typeof(details -> 'note') = 'string'`);
    this.addSql(`insert into rfi_history_note (digest, rfi_id, note, salt)
      select encode(sha256(m.salt || convert_to(m.note, 'UTF8')), 'hex'), m.rfi_id, m.note, m.salt
      from moved_note m join information_request r on r.id = m.rfi_id
      where r.deleted_at is null`);
    this.addSql(`insert into rfi_history_rechain (rfi_id, old_seq, old_head)
      select head.rfi_id, head.seq, head.hash from rfi_history_head head
      where head.rfi_id in (select rfi_id from moved_note)`);
    // ALTER TABLE refuses to run with trigger events of this transaction pending.
    this.addSql('set constraints all immediate');
    this.addSql('alter table rfi_history disable trigger rfi_history_append_only');
    this.addSql(`update rfi_history h
      set details = (h.details - 'note')
        || jsonb_build_object('noteDigest', encode(sha256(m.salt || convert_to(m.note, 'UTF8')), 'hex'))
      from moved_note m where m.id = h.id`);
    this.addSql(rechainSql('select rfi_id from moved_note'));
    this.addSql(`update rfi_history_head head set seq = last.seq, hash = last.hash
      from (select distinct on (rfi_id) rfi_id, seq, hash from rfi_history
            where rfi_id in (select rfi_id from moved_note) order by rfi_id, seq desc) last
      where last.rfi_id = head.rfi_id`);
    this.addSql(`update rfi_history_rechain re set new_head = head.hash
      from rfi_history_head head where head.rfi_id = re.rfi_id`);
    this.addSql('set constraints all immediate');
    this.addSql('alter table rfi_history enable trigger rfi_history_append_only');
  }

  override async down(): Promise<void> {
    // The notes' lines keep their digests: putting the text back would break their chains.
    this.addSql('drop table rfi_history_rechain');
    this.addSql('drop trigger rfi_history_note_forget on information_request');
    this.addSql('drop function rfi_history_note_forget()');
    this.addSql('drop table rfi_history_note');
  }
}

export const HISTORY_NOTES_MIGRATION: MigrationObject = {
  name: 'Migration20261130080000_history_notes',
  class: HistoryNotesMigration,
};
