import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

class RfiMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table information_request (
      id uuid primary key,
      reference text not null unique,
      requester_party text not null,
      created_by uuid not null,
      title text not null,
      question text not null,
      topics text[] not null,
      priority text not null check (priority in ('URGENT', 'HIGH', 'NORMAL', 'LOW')),
      channel text not null check (channel in ('BILATERAL', 'MULTILATERAL')),
      target_parties text[] not null,
      handling_code text not null check (handling_code in ('H0', 'H1', 'H2', 'H3')),
      handling_note text,
      secretariat_access text not null check (secretariat_access in ('FULL', 'METADATA_ONLY')),
      language text not null,
      status text not null check (status in ('DRAFT', 'SUBMITTED', 'ROUTED', 'CLOSED', 'WITHDRAWN', 'REJECTED')),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      submitted_at timestamptz,
      routed_at timestamptz,
      closed_at timestamptz,
      outcome text,
      rejection_reason text,
      withdrawal_reason text,
      version integer not null,
      -- Words in the title weigh more than words in the question; the secretariat searches titles
      -- only on METADATA_ONLY requests (title_search).
      title_search tsvector generated always as (to_tsvector('simple', title)) stored,
      full_search tsvector generated always as (
        setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', question), 'B')
      ) stored
    )`);
    this.addSql(
      'create index information_request_requester on information_request (requester_party, created_at desc, id desc)',
    );
    this.addSql(
      'create index information_request_created on information_request (created_at desc, id desc)',
    );
    this.addSql(
      'create index information_request_topics on information_request using gin (topics)',
    );
    this.addSql(
      'create index information_request_full_search on information_request using gin (full_search)',
    );
    this.addSql(
      'create index information_request_title_search on information_request using gin (title_search)',
    );
    this.addSql(`create table rfi_assignment (
      id uuid primary key,
      rfi_id uuid not null references information_request (id) deferrable initially deferred,
      recipient_party text not null,
      officer_id uuid,
      status text not null check (status in ('PENDING', 'ACKNOWLEDGED', 'RESPONDED', 'DECLINED')),
      assigned_at timestamptz not null,
      due_at timestamptz not null,
      paused_since timestamptz,
      acknowledged_at timestamptz,
      responded_at timestamptz,
      declined_at timestamptz,
      decline_reason text,
      escalation_level integer not null default 0
    )`);
    this.addSql('create index rfi_assignment_rfi on rfi_assignment (rfi_id)');
    this.addSql(
      'create index rfi_assignment_recipient on rfi_assignment (recipient_party, rfi_id)',
    );
    this.addSql(
      `create index rfi_assignment_open_due on rfi_assignment (due_at) where status in ('PENDING', 'ACKNOWLEDGED')`,
    );
    this.addSql(`create unique index rfi_assignment_once on rfi_assignment
      (rfi_id, recipient_party, coalesce(officer_id, '00000000-0000-0000-0000-000000000000'::uuid))`);
    this.addSql(`create table rfi_message (
      id uuid primary key,
      rfi_id uuid not null references information_request (id) deferrable initially deferred,
      assignment_id uuid references rfi_assignment (id) deferrable initially deferred,
      kind text not null check (kind in ('RESPONSE', 'CLARIFICATION_REQUEST', 'CLARIFICATION', 'NOTE')),
      author_user_id uuid not null,
      author_role text not null,
      author_party text,
      body text not null,
      handling_code text not null,
      handling_note text,
      source_reliability text check (source_reliability in ('A', 'B', 'C', 'X')),
      accuracy integer check (accuracy between 1 and 4),
      releasability text check (releasability in ('REQUESTER', 'ALL_RECIPIENTS', 'ALL_PARTIES')),
      posted_at timestamptz not null
    )`);
    this.addSql('create index rfi_message_rfi on rfi_message (rfi_id, posted_at)');
    this.addSql(`create table rfi_history (
      id bigint generated always as identity primary key,
      rfi_id uuid not null references information_request (id) deferrable initially deferred,
      at timestamptz not null,
      action text not null,
      actor_user_id uuid,
      actor_username text,
      actor_role text,
      actor_party text,
      assignment_id uuid,
      details jsonb not null default '{}'::jsonb
    )`);
    this.addSql('create index rfi_history_rfi on rfi_history (rfi_id, id)');
    this.addSql(
      'create table rfi_reference_counter (year integer primary key, last_number integer not null)',
    );
  }

  override async down(): Promise<void> {
    for (const table of [
      'rfi_reference_counter',
      'rfi_history',
      'rfi_message',
      'rfi_assignment',
      'information_request',
    ]) {
      this.addSql(`drop table if exists ${table}`);
    }
  }
}

export const RFI_MIGRATION: MigrationObject = {
  name: 'Migration20261128020000_rfi',
  class: RfiMigration,
};

/** Recipients are listed in the order they were routed, not by timestamp ties. */
class AssignmentOrdinalMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table rfi_assignment add column ordinal integer not null default 0');
    this.addSql(`update rfi_assignment a set ordinal = n.ordinal
      from (select id, row_number() over (partition by rfi_id order by assigned_at, officer_id nulls first, id) - 1 as ordinal
            from rfi_assignment) n
      where n.id = a.id`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table rfi_assignment drop column ordinal');
  }
}

export const ASSIGNMENT_ORDINAL_MIGRATION: MigrationObject = {
  name: 'Migration20261128060000_assignment_ordinal',
  class: AssignmentOrdinalMigration,
};
