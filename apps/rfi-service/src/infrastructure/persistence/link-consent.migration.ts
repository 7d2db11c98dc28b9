import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/** The consent of both requesting parties to a possible link (domain/entities/link-consent.ts). */
class LinkConsentMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table rfi_possible_link
      add column status text not null default 'FOUND'
        check (status in ('FOUND', 'ASKED', 'LINKED', 'REFUSED')),
      add column asked_at timestamptz,
      add column first_consent boolean,
      add column second_consent boolean,
      add column decided_at timestamptz`);
    this.addSql(
      'create index rfi_possible_link_found on rfi_possible_link (found_at desc, id desc)',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index rfi_possible_link_found');
    this.addSql(`alter table rfi_possible_link drop column status, drop column asked_at,
      drop column first_consent, drop column second_consent, drop column decided_at`);
  }
}

export const LINK_CONSENT_MIGRATION: MigrationObject = {
  name: 'Migration20261130020000_link_consent',
  class: LinkConsentMigration,
};
