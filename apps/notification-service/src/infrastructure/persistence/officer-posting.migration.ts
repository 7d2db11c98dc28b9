import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/** Which posting each officer is on now, so that an officer's inbox follows its posting. */
class OfficerPostingMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table officer_posting (
      deployment_id uuid primary key,
      officer_id uuid not null,
      status text not null,
      subject_version integer not null
    )`);
    this.addSql(
      `create index officer_posting_active on officer_posting (officer_id) where status = 'ACTIVE'`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table officer_posting');
  }
}

export const OFFICER_POSTING_MIGRATION: MigrationObject = {
  name: 'Migration20261128110000_officer_posting',
  class: OfficerPostingMigration,
};
