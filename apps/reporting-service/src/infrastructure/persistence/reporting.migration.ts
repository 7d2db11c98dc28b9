import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * The reporting model: each submitted request and each of its assignments, with the times the
 * figures are made of. Only metadata the rfi-service's events carry: no title, no body.
 */
class ReportingMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table report_request (
      rfi_id uuid primary key,
      reference text not null,
      requester_party text not null,
      priority text not null,
      topics text[] not null default '{}',
      submitted_at timestamptz not null,
      closed_at timestamptz
    )`);
    this.addSql(`create index report_request_submitted on report_request (submitted_at)`);
    // A focal point's figures: its own party's rows, in or out of a window.
    this.addSql(
      `create index report_request_requester on report_request (requester_party, submitted_at)`,
    );
    this.addSql(`create table report_assignment (
      assignment_id uuid primary key,
      rfi_id uuid not null,
      requester_party text not null,
      recipient_party text not null,
      via_officer boolean not null,
      priority text not null,
      topics text[] not null default '{}',
      assigned_at timestamptz not null,
      due_at timestamptz not null,
      acknowledged_at timestamptz,
      responded_at timestamptz,
      declined_at timestamptz,
      closed_at timestamptz,
      paused_since timestamptz,
      paused_ms bigint not null default 0,
      escalation_level smallint not null default 0,
      responded_on_time boolean
    )`);
    this.addSql(`create index report_assignment_rfi on report_assignment (rfi_id)`);
    this.addSql(`create index report_assignment_recipient on report_assignment
      (recipient_party, assigned_at) where not via_officer`);
    this.addSql(
      `create index report_assignment_assigned on report_assignment (assigned_at, recipient_party)`,
    );
    // The escalation board and "overdue now": the open ones only.
    this.addSql(`create index report_assignment_open on report_assignment (due_at, assignment_id)
      where responded_at is null and declined_at is null and closed_at is null`);
    // Officers' postings, as the deployment events tell their whole state; when each went on and
    // off post is when the service said so.
    this.addSql(`create table report_posting (
      deployment_id uuid primary key,
      officer_id uuid not null,
      sending_party text not null,
      host_party text not null,
      status text not null,
      activated_at timestamptz,
      ended_at timestamptz,
      subject_version integer not null
    )`);
    this.addSql(`create index report_posting_on_post on report_posting (activated_at, ended_at)
      where activated_at is not null`);
    // Knowledge exchanges: what every reader of the marketplace may see, and when each stage came.
    this.addSql(`create table report_exchange (
      exchange_id uuid primary key,
      kind text not null,
      type text not null,
      owner_party text not null,
      topics text[] not null default '{}',
      status text not null,
      posted_at timestamptz,
      matched_at timestamptz,
      completed_at timestamptz,
      cancelled_at timestamptz,
      offers_received integer not null default 0,
      rating smallint,
      subject_version integer not null
    )`);
    this.addSql(`create index report_exchange_posted on report_exchange (posted_at)`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table report_exchange');
    this.addSql('drop table report_posting');
    this.addSql('drop table report_assignment');
    this.addSql('drop table report_request');
  }
}

export const REPORTING_MIGRATION: MigrationObject = {
  name: 'Migration20261129120000_reporting',
  class: ReportingMigration,
};
