import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * The rfi-service's copy of completed knowledge exchanges (study visits, capacity building, case
 * studies), from knowledge-exchange.* events: what every reader of the knowledge base may see of
 * them (title, topics, type, parties, rating), offered beside similar requests.
 */
class ExchangesHeldMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table exchange_held (
      exchange_id uuid primary key,
      title text not null,
      title_search tsvector generated always as (to_tsvector('simple', title)) stored,
      topics text[] not null,
      type text not null,
      kind text not null,
      owner_party text not null,
      partner_party text,
      rating integer,
      status text not null,
      subject_version integer not null,
      completed_at timestamptz
    )`);
    this.addSql(
      `create index exchange_held_topics on exchange_held using gin (topics) where status = 'COMPLETED'`,
    );
    this.addSql(
      `create index exchange_held_title on exchange_held using gin (title_search) where status = 'COMPLETED'`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table exchange_held');
  }
}

export const EXCHANGES_HELD_MIGRATION: MigrationObject = {
  name: 'Migration20261130030000_exchanges_held',
  class: ExchangesHeldMigration,
};
