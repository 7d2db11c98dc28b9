import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * Possible links between two requests whose entities may be the same (domain/entities/
 * possible-links.ts): one row per pair, kept in a fixed order so that a pair is found once,
 * whichever request's change finds it, and two changes finding it at once cannot both record it.
 */
class PossibleLinkMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table rfi_possible_link (
      id uuid primary key,
      first_rfi_id uuid not null references information_request (id),
      second_rfi_id uuid not null references information_request (id),
      found_by_rfi_id uuid not null references information_request (id),
      matches jsonb not null check (jsonb_typeof(matches) = 'array'),
      found_at timestamptz not null,
      check (first_rfi_id < second_rfi_id),
      check (found_by_rfi_id in (first_rfi_id, second_rfi_id)),
      unique (first_rfi_id, second_rfi_id)
    )`);
    this.addSql('create index rfi_possible_link_second on rfi_possible_link (second_rfi_id)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table rfi_possible_link');
  }
}

export const POSSIBLE_LINK_MIGRATION: MigrationObject = {
  name: 'Migration20261130010000_possible_link',
  class: PossibleLinkMigration,
};
