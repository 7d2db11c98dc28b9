import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/*
 * `information_request.focal_recipients`: the parties whose focal points hold an assignment of the
 * RFI (rfi_assignment rows with no officer), kept by the database itself. Lists ask "routed to my
 * party?" of every RFI they consider; as a correlated probe into rfi_assignment that made an
 * ordinary party's inbox read all of its party's assignments per page at a million RFIs (seconds),
 * while a column with a GIN index lets the planner walk the newest RFIs or intersect with a text
 * search instead. need-to-know.sql.ts reads it; the agreement test checks it against the domain.
 *
 * Triggers rather than the application: every writer of rfi_assignment (the unit of work, the
 * handover, the benchmark's seeding) keeps it right, and the foreign keys are deferred, so an
 * assignment may be inserted before its RFI row: the RFI's own insert computes it too.
 */
const RECOMPUTE = `
  create or replace function rfi_focal_recipients(rfi uuid) returns text[] language sql stable as $$
    select coalesce(array_agg(distinct recipient_party order by recipient_party), '{}')
    from rfi_assignment where rfi_id = rfi and officer_id is null
  $$`;

// Inserts and deletes per statement (a multilateral routing inserts its assignments at once).
const ON_ASSIGNMENTS = `
  create or replace function rfi_assignment_focal_recipients() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      update information_request r set focal_recipients = rfi_focal_recipients(r.id)
      where r.id in (select rfi_id from changed_new);
    else
      update information_request r set focal_recipients = rfi_focal_recipients(r.id)
      where r.id in (select rfi_id from changed_old);
    end if;
    return null;
  end $$`;

// Updates per row, and only those that move an assignment to another party or to or from an
// officer (a handover): status and escalation changes, the common ones, do not fire it.
const ON_ASSIGNMENT_MOVED = `
  create or replace function rfi_assignment_moved() returns trigger language plpgsql as $$
  begin
    update information_request r set focal_recipients = rfi_focal_recipients(r.id)
    where r.id in (old.rfi_id, new.rfi_id);
    return null;
  end $$`;

const ON_REQUEST = `
  create or replace function information_request_focal_recipients() returns trigger language plpgsql as $$
  begin
    new.focal_recipients := rfi_focal_recipients(new.id);
    return new;
  end $$`;

class FocalRecipientsMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table information_request add column focal_recipients text[] not null default '{}'`,
    );
    this.addSql(RECOMPUTE);
    this.addSql(`update information_request r set focal_recipients = a.parties
      from (select rfi_id, array_agg(distinct recipient_party order by recipient_party) as parties
            from rfi_assignment where officer_id is null group by rfi_id) a
      where a.rfi_id = r.id`);
    this.addSql(
      'create index information_request_focal_recipients on information_request using gin (focal_recipients)',
    );
    this.addSql(ON_ASSIGNMENTS);
    this.addSql(ON_ASSIGNMENT_MOVED);
    this.addSql(ON_REQUEST);
    this.addSql(`create trigger rfi_assignment_inserted after insert on rfi_assignment
      referencing new table as changed_new for each statement
      execute function rfi_assignment_focal_recipients()`);
    this.addSql(`create trigger rfi_assignment_moved
      after update of rfi_id, recipient_party, officer_id on rfi_assignment for each row
      when (old.rfi_id is distinct from new.rfi_id
        or old.recipient_party is distinct from new.recipient_party
        or (old.officer_id is null) <> (new.officer_id is null))
      execute function rfi_assignment_moved()`);
    this.addSql(`create trigger rfi_assignment_deleted after delete on rfi_assignment
      referencing old table as changed_old for each statement
      execute function rfi_assignment_focal_recipients()`);
    this.addSql(`create trigger information_request_inserted before insert on information_request
      for each row execute function information_request_focal_recipients()`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger information_request_inserted on information_request');
    this.addSql('drop trigger rfi_assignment_deleted on rfi_assignment');
    this.addSql('drop trigger rfi_assignment_moved on rfi_assignment');
    this.addSql('drop trigger rfi_assignment_inserted on rfi_assignment');
    this.addSql('drop function information_request_focal_recipients');
    this.addSql('drop function rfi_assignment_moved');
    this.addSql('drop function rfi_assignment_focal_recipients');
    this.addSql('drop function rfi_focal_recipients');
    this.addSql('alter table information_request drop column focal_recipients');
  }
}

export const FOCAL_RECIPIENTS_MIGRATION: MigrationObject = {
  name: 'Migration20261128110000_focal_recipients',
  class: FocalRecipientsMigration,
};
