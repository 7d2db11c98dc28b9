import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * Whether a possible link's line is in the other request's history yet: the request whose change
 * found the link gets its line in that change; the other request's is written after, under its
 * own row lock (application/link-notices.ts), so that no change holds two requests at once.
 * Links found before were noted on both sides at once: true.
 */
class LinkNoticeMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table rfi_possible_link add column other_noted boolean not null default true',
    );
    this.addSql(
      'create index rfi_possible_link_unnoted on rfi_possible_link (found_at) where not other_noted',
    );
  }

  override async down(): Promise<void> {
    this.addSql('alter table rfi_possible_link drop column other_noted');
  }
}

export const LINK_NOTICE_MIGRATION: MigrationObject = {
  name: 'Migration20261130040000_link_notice',
  class: LinkNoticeMigration,
};
