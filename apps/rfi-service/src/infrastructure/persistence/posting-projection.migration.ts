import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/** The rfi-service's own copy of the postings it needs to route RFIs to officers and to authorise them. */
class PostingProjectionMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table posting (
      deployment_id uuid primary key,
      officer_id uuid not null,
      sending_party text not null,
      host_party text not null,
      start_date date not null,
      end_date date not null,
      status text not null,
      subject_version integer not null,
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create index posting_active on posting (officer_id) where status = 'ACTIVE'`);
    this.addSql(
      `create index posting_pair on posting (sending_party, host_party) where status = 'ACTIVE'`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table posting');
  }
}

export const POSTING_PROJECTION_MIGRATION: MigrationObject = {
  name: 'Migration20261128050000_posting_projection',
  class: PostingProjectionMigration,
};
