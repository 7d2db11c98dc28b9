import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/** A party's webhooks, what is to be delivered to them, and every attempt with its answer. */
class WebhookMigration extends Migration {
  override async up(): Promise<void> {
    // Secrets must sign, so they are kept recoverably: sealed with WEBHOOK_SECRET_KEY when set
    // (infrastructure/webhooks/secret-box.ts). A rotated-out secret signs until previous_until.
    this.addSql(`create table webhook (
      id uuid primary key,
      party text not null,
      url text not null,
      events text[] not null,
      secret text not null,
      previous_secret text,
      previous_until timestamptz,
      secret_rotated_at timestamptz,
      enabled boolean not null default true,
      disabled_at timestamptz,
      created_at timestamptz not null
    )`);
    this.addSql('create index webhook_party on webhook (party, created_at desc, id desc)');
    // One delivery per webhook and notification: queued in the transaction that stored the
    // notification, so exactly once. Its id is the webhook-id header, the same on every attempt;
    // its payload the exact bytes signed, the same on every attempt.
    this.addSql(`create table webhook_delivery (
      id uuid primary key,
      webhook_id uuid not null references webhook (id) on delete cascade,
      notification_id uuid not null,
      kind text not null,
      payload text not null,
      status text not null,
      next_attempt_at timestamptz,
      queued_at timestamptz not null,
      created_at timestamptz not null,
      unique (webhook_id, notification_id)
    )`);
    this.addSql(
      `create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING'`,
    );
    this.addSql(
      'create index webhook_delivery_list on webhook_delivery (webhook_id, created_at desc, id desc)',
    );
    this.addSql(`create table webhook_attempt (
      id uuid primary key,
      delivery_id uuid not null references webhook_delivery (id) on delete cascade,
      attempted_at timestamptz not null,
      status_code integer,
      error text,
      answer text,
      duration_ms integer not null
    )`);
    this.addSql(
      'create index webhook_attempt_delivery on webhook_attempt (delivery_id, attempted_at)',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table webhook_attempt');
    this.addSql('drop table webhook_delivery');
    this.addSql('drop table webhook');
  }
}

export const WEBHOOK_MIGRATION: MigrationObject = {
  name: 'Migration20261128120000_webhook',
  class: WebhookMigration,
};
