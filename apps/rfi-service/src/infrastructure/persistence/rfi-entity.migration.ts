import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * Structured entities on requests and messages (domain/entities/), and the keys candidates for a
 * match are found by, exactly: folded name words, document, phone and conveyance numbers
 * (domain/entities/entity-match.ts matchKeysOf, derived when an entity is kept). The similarity
 * itself is decided in the service, so no extension (pg_trgm) is needed: its objects would belong
 * to the superuser, not to the database's owner.
 */
class RfiEntityMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table rfi_entity (
      id uuid primary key,
      -- The order they were added in: several go in one statement, at one time.
      seq bigint generated always as identity,
      rfi_id uuid not null references information_request (id),
      message_id uuid references rfi_message (id),
      type text not null check (type in ('PERSON', 'DOCUMENT', 'VEHICLE', 'VESSEL', 'PHONE', 'ORGANISATION', 'ROUTE_SEGMENT')),
      "values" jsonb not null check (jsonb_typeof("values") = 'object'),
      added_by_user_id uuid not null,
      added_by_party text,
      added_at timestamptz not null
    )`);
    this.addSql('create index rfi_entity_rfi on rfi_entity (rfi_id, seq)');
    this.addSql(`create table rfi_entity_key (
      entity_id uuid not null references rfi_entity (id),
      rfi_id uuid not null references information_request (id),
      kind text not null check (kind in ('NAME_WORD', 'ORGANISATION_WORD', 'DOCUMENT', 'CONVEYANCE', 'PHONE')),
      key text not null check (length(key) between 1 and 400),
      primary key (entity_id, kind, key)
    )`);
    this.addSql('create index rfi_entity_key_exact on rfi_entity_key (kind, key)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table rfi_entity_key');
    this.addSql('drop table rfi_entity');
  }
}

export const RFI_ENTITY_MIGRATION: MigrationObject = {
  name: 'Migration20261130000000_rfi_entity',
  class: RfiEntityMigration,
};
