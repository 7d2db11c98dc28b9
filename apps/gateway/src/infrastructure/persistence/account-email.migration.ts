import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * An optional e-mail address per account, where duty pages are mailed (issue 11). Nullable, so
 * older gateways sharing the database keep inserting accounts without one.
 */
class AccountEmailMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table user_account add column email text');
  }

  override async down(): Promise<void> {
    this.addSql('alter table user_account drop column email');
  }
}

export const ACCOUNT_EMAIL_MIGRATION: MigrationObject = {
  name: 'Migration20261128130000_account_email',
  class: AccountEmailMigration,
};
