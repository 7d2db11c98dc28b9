import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * Disable, successor, forced password change, token revocation (a generation every token carries)
 * and the audit log of admin actions. Every new column has a default: older gateways sharing the
 * database keep inserting accounts without naming them.
 */
class AccountLifecycleMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table user_account
      add column successor_id uuid references user_account (id),
      add column must_change_password boolean not null default false,
      add column token_generation integer not null default 0,
      add column version integer not null default 1`);
    this.addSql(`create table account_audit (
      seq bigint generated always as identity primary key,
      at timestamptz not null default now(),
      action text not null,
      actor_user_id uuid,
      actor_username text,
      target_user_id uuid not null,
      target_username text not null,
      details jsonb not null default '{}'::jsonb
    )`);
    this.addSql('create index account_audit_target on account_audit (target_user_id, seq)');
    // Append-only in the database itself, not only by the code's good manners.
    this.addSql(`create function account_audit_append_only() returns trigger language plpgsql as $$
      begin raise exception 'account_audit is append-only'; end $$`);
    this.addSql(`create trigger account_audit_append_only before update or delete on account_audit
      for each row execute function account_audit_append_only()`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table account_audit');
    this.addSql('drop function account_audit_append_only');
    this.addSql(`alter table user_account drop column successor_id,
      drop column must_change_password, drop column token_generation, drop column version`);
  }
}

export const ACCOUNT_LIFECYCLE_MIGRATION: MigrationObject = {
  name: 'Migration20261128040000_account_lifecycle',
  class: AccountLifecycleMigration,
};
