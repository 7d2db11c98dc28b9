import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

class DeploymentMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table officer (
      id uuid primary key,
      full_name text not null,
      sending_party text not null,
      agency text not null,
      rank text,
      languages text[] not null,
      expertise text[] not null,
      email text not null,
      phone text,
      created_at timestamptz not null,
      created_by uuid not null
    )`);
    this.addSql(
      'create index officer_sending_party on officer (sending_party, created_at desc, id desc)',
    );
    this.addSql(`create table deployment (
      id uuid primary key,
      officer_id uuid not null references officer (id),
      sending_party text not null,
      host_party text not null,
      posting_city text not null,
      mandate_topics text[] not null,
      start_date date not null,
      end_date date not null check (end_date > start_date),
      note text,
      status text not null check (status in ('PROPOSED', 'APPROVED', 'REFUSED', 'ACTIVE', 'ENDED', 'CANCELLED')),
      proposed_by uuid not null,
      proposed_at timestamptz not null,
      decided_at timestamptz,
      refusal_reason text,
      activated_at timestamptz,
      ended_at timestamptz,
      end_reason text check (end_reason in ('END_DATE', 'RECALLED')),
      recall_reason text,
      cancelled_at timestamptz,
      cancel_reason text,
      extensions jsonb not null default '[]'::jsonb,
      version integer not null
    )`);
    this.addSql('create index deployment_officer on deployment (officer_id)');
    this.addSql('create index deployment_listing on deployment (proposed_at desc, id desc)');
    this.addSql(
      `create index deployment_calendar on deployment (status, start_date, end_date) where status in ('APPROVED', 'ACTIVE')`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists deployment');
    this.addSql('drop table if exists officer');
  }
}

export const DEPLOYMENT_MIGRATION: MigrationObject = {
  name: 'Migration20261128040000_deployment',
  class: DeploymentMigration,
};

/** Tables link by id only (no ORM relation), so the unit of work may insert in any order: check at commit. */
class DeferrableOfficerKeyMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table deployment alter constraint deployment_officer_id_fkey deferrable initially deferred',
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      'alter table deployment alter constraint deployment_officer_id_fkey not deferrable',
    );
  }
}

export const DEFERRABLE_OFFICER_KEY_MIGRATION: MigrationObject = {
  name: 'Migration20261128070000_deferrable_officer_key',
  class: DeferrableOfficerKeyMigration,
};
