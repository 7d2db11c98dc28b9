import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * Attachments' bytes (infrastructure/attachments/postgres-attachment-store.ts): a blob's row,
 * written last in the upload's transaction, and its chunks. Chunks are stored without compression
 * (`external`): PDFs, images and office files are compressed already, and a range read of an
 * uncompressed value reads only the pages it needs.
 */
class AttachmentStoreMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table attachment_chunk (
      blob_id uuid not null,
      seq integer not null,
      data bytea not null,
      primary key (blob_id, seq)
    )`);
    this.addSql(`alter table attachment_chunk alter column data set storage external`);
    this.addSql(`create table attachment_blob (
      id uuid primary key,
      size bigint not null,
      sha256 bytea not null,
      chunk_size integer not null,
      chunks integer not null,
      created_at timestamptz not null default now()
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table attachment_blob');
    this.addSql('drop table attachment_chunk');
  }
}

export const ATTACHMENT_STORE_MIGRATION: MigrationObject = {
  name: 'Migration20261129160000_attachment_store',
  class: AttachmentStoreMigration,
};
