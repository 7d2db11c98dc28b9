import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';
import { IDEMPOTENCY_RECORD_DDL } from '@bp/messaging';

class IdentityMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table user_account (
      id uuid primary key,
      username text not null unique check (username ~ '^[a-z0-9._-]{2,64}$'),
      password_hash text not null,
      role text not null check (role in ('focal_point', 'secretariat', 'liaison_officer', 'admin')),
      party text,
      officer_id uuid,
      disabled boolean not null default false,
      created_at timestamptz not null default now()
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table user_account');
  }
}

export const IDENTITY_MIGRATION: MigrationObject = {
  name: 'Migration20261128010000_identity',
  class: IdentityMigration,
};

/** POST /users honours Idempotency-Key like every other POST. */
class GatewayIdempotencyMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(IDEMPOTENCY_RECORD_DDL);
  }

  override async down(): Promise<void> {
    this.addSql('drop table idempotency_record');
  }
}

export const GATEWAY_IDEMPOTENCY_MIGRATION: MigrationObject = {
  name: 'Migration20261128030000_idempotency',
  class: GatewayIdempotencyMigration,
};
