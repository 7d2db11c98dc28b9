import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

class KnowledgeExchangeMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table knowledge_exchange (
      id uuid primary key,
      kind text not null check (kind in ('NEED', 'OFFER')),
      owner_party text not null,
      created_by uuid not null,
      type text not null,
      topics text[] not null,
      title text not null,
      description text not null,
      format text not null check (format in ('IN_PERSON', 'ONLINE', 'HYBRID')),
      preferred_from date,
      preferred_to date,
      status text not null check (status in ('OPEN', 'MATCHED', 'SCHEDULED', 'COMPLETED', 'CANCELLED')),
      offers jsonb not null default '[]'::jsonb,
      partner_party text,
      matched_offer_id uuid,
      matched_offer_exchange_id uuid,
      scheduled_for jsonb,
      outcome jsonb,
      cancel_reason text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null,
      -- The knowledge base ranks words in titles above words in outcomes and lessons, and those
      -- above words in descriptions.
      search tsvector generated always as (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', coalesce(outcome->>'summary', '') || ' ' || coalesce((outcome->'lessonsLearned')::text, '')), 'B') ||
        setweight(to_tsvector('english', description), 'C')
      ) stored
    )`);
    this.addSql(
      'create index knowledge_exchange_listing on knowledge_exchange (created_at desc, id desc)',
    );
    this.addSql('create index knowledge_exchange_topics on knowledge_exchange using gin (topics)');
    this.addSql('create index knowledge_exchange_search on knowledge_exchange using gin (search)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table knowledge_exchange');
  }
}

export const KNOWLEDGE_EXCHANGE_MIGRATION: MigrationObject = {
  name: 'Migration20261128080000_knowledge_exchange',
  class: KnowledgeExchangeMigration,
};

/**
 * When an exchange's status last changed, apart from its last change of any kind: offers and a
 * moved schedule are not everyone's to see, so they must not show in the updatedAt everyone sees.
 * Existing open exchanges changed status only when posted; for the others the last change is the
 * closest known.
 */
class StatusChangedAtMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table knowledge_exchange add column if not exists status_changed_at timestamptz not null default now()',
    );
    this.addSql(
      `update knowledge_exchange set status_changed_at = case when status = 'OPEN' then created_at else updated_at end`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('alter table knowledge_exchange drop column status_changed_at');
  }
}

export const STATUS_CHANGED_AT_MIGRATION: MigrationObject = {
  name: 'Migration20261128090000_status_changed_at',
  class: StatusChangedAtMigration,
};
