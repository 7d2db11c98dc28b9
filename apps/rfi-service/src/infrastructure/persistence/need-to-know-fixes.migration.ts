import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * An officer's assignment belongs to the posting it was made under: when that posting ends the
 * officer loses it, even if posted again later. Existing officer assignments take the latest
 * posting of that officer into that party that had started by the time they were assigned.
 */
class AssignmentPostingMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table rfi_assignment add column posting_id uuid');
    this.addSql(`update rfi_assignment a set posting_id = (
        select p.deployment_id from posting p
        where p.officer_id = a.officer_id and p.host_party = a.recipient_party
          and p.start_date <= a.assigned_at::date
        order by p.start_date desc limit 1)
      where a.officer_id is not null`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table rfi_assignment drop column posting_id');
  }
}

export const ASSIGNMENT_POSTING_MIGRATION: MigrationObject = {
  name: 'Migration20261128090000_assignment_posting',
  class: AssignmentPostingMigration,
};

/** References are random now (domain/rfi-reference.ts): the yearly counter is gone. */
class RetireReferenceCounterMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop table if exists rfi_reference_counter');
  }

  override async down(): Promise<void> {
    this.addSql(
      'create table rfi_reference_counter (year integer primary key, last_number integer not null)',
    );
  }
}

export const RETIRE_REFERENCE_COUNTER_MIGRATION: MigrationObject = {
  name: 'Migration20261128100000_retire_reference_counter',
  class: RetireReferenceCounterMigration,
};
