import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * The chairs of the working groups read the channel's figures for their reports: a role of its
 * own that acts for no party, like the secretariat and the administrators.
 */
class ChairRoleMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table user_account drop constraint user_account_role_check');
    this.addSql(`alter table user_account add constraint user_account_role_check
      check (role in ('focal_point', 'secretariat', 'liaison_officer', 'admin', 'chair'))`);
    this.addSql('alter table user_account drop constraint user_account_role_party');
    this.addSql(`alter table user_account add constraint user_account_role_party check (
      (role in ('secretariat', 'admin', 'chair') and party is null)
      or (role in ('focal_point', 'liaison_officer') and party is not null))`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table user_account drop constraint user_account_role_party');
    this.addSql(`alter table user_account add constraint user_account_role_party check (
      (role in ('secretariat', 'admin') and party is null)
      or (role in ('focal_point', 'liaison_officer') and party is not null))`);
    this.addSql('alter table user_account drop constraint user_account_role_check');
    this.addSql(`alter table user_account add constraint user_account_role_check
      check (role in ('focal_point', 'secretariat', 'liaison_officer', 'admin'))`);
  }
}

export const CHAIR_ROLE_MIGRATION: MigrationObject = {
  name: 'Migration20261129130000_chair_role',
  class: ChairRoleMigration,
};
