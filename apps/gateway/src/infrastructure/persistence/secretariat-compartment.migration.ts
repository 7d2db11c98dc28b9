import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * The secretariat is a compartment of its own, not ICMPD as a party: accounts made before that
 * still carry ICMPD, and a role change could have turned one into ICMPD's focal point. The
 * constraint keeps role and party together for good.
 */
class SecretariatCompartmentMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update user_account set party = null where role in ('secretariat', 'admin')`);
    this.addSql(`alter table user_account add constraint user_account_role_party check (
      (role in ('secretariat', 'admin') and party is null)
      or (role in ('focal_point', 'liaison_officer') and party is not null))`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table user_account drop constraint user_account_role_party');
  }
}

export const SECRETARIAT_COMPARTMENT_MIGRATION: MigrationObject = {
  name: 'Migration20261128070000_secretariat_compartment',
  class: SecretariatCompartmentMigration,
};
