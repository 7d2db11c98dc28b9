import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * What an RFI knows of its files (domain/rfi-attachment.ts), and the bytes no file claims: a blob
 * is written to the store only after its row in `attachment_orphan`, and that row goes in the same
 * transaction that adds the file; removing a file puts its blob back there. Whatever a crash or a
 * failed upload leaves in the store is thus listed, and freed by the sweep
 * (application/orphan-sweep.ts).
 */
class RfiAttachmentMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table rfi_attachment (
      id uuid primary key,
      rfi_id uuid not null references information_request (id),
      message_id uuid references rfi_message (id),
      blob_id uuid not null unique,
      filename text not null,
      content_type text not null,
      size bigint not null check (size >= 0),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      handling_code text not null check (handling_code in ('H0', 'H1', 'H2', 'H3')),
      uploaded_by_user_id uuid not null,
      uploaded_by_role text not null,
      uploaded_by_party text,
      uploaded_at timestamptz not null
    )`);
    this.addSql('create index rfi_attachment_rfi on rfi_attachment (rfi_id, uploaded_at, id)');
    this.addSql(`create table attachment_orphan (
      blob_id uuid primary key,
      since timestamptz not null default now()
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table attachment_orphan');
    this.addSql('drop table rfi_attachment');
  }
}

export const RFI_ATTACHMENT_MIGRATION: MigrationObject = {
  name: 'Migration20261129170000_rfi_attachment',
  class: RfiAttachmentMigration,
};
