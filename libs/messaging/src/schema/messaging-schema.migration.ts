import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/** Replies kept for Idempotency-Key replays; also used by the gateway for the POSTs it answers itself. */
export const IDEMPOTENCY_RECORD_DDL = `create table idempotency_record (
  actor_key text not null,
  idempotency_key text not null,
  command text not null,
  request_hash text not null,
  reply jsonb not null,
  created_at timestamptz not null default now(),
  primary key (actor_key, idempotency_key)
)`;

/** Channel the outbox trigger notifies on commit, waking the relay without waiting for its poll. */
export const OUTBOX_CHANNEL = 'bp_outbox';

/**
 * Tables every service needs to be a reliable producer and consumer: the transactional outbox,
 * the inbox of handled events, and the replies kept for Idempotency-Key replays.
 */
export class MessagingSchemaMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table outbox_message (
      position bigint generated always as identity primary key,
      id uuid not null unique,
      topic text not null,
      message_key text not null,
      event_type text not null,
      envelope jsonb not null,
      headers jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now(),
      published_at timestamptz
    )`);
    this.addSql(
      `create index outbox_message_unpublished on outbox_message (position) where published_at is null`,
    );
    this.addSql(`create function outbox_message_notify() returns trigger language plpgsql as $fn$
      begin perform pg_notify('${OUTBOX_CHANNEL}', ''); return null; end $fn$`);
    this.addSql(`create trigger outbox_message_notify after insert on outbox_message
      for each statement execute function outbox_message_notify()`);
    this.addSql(`create table inbox_message (
      consumer text not null,
      event_id uuid not null,
      event_type text not null,
      handled_at timestamptz not null default now(),
      primary key (consumer, event_id)
    )`);
    this.addSql(IDEMPOTENCY_RECORD_DDL);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists idempotency_record');
    this.addSql('drop table if exists inbox_message');
    this.addSql('drop trigger if exists outbox_message_notify on outbox_message');
    this.addSql('drop function if exists outbox_message_notify()');
    this.addSql('drop table if exists outbox_message');
  }
}

export const MESSAGING_MIGRATION: MigrationObject = {
  name: 'Migration20261128000000_messaging',
  class: MessagingSchemaMigration,
};
