import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * Early warning: the signals the model raised, with their figures, and the alerts people raised,
 * each with whom it reached and who acknowledged.
 */
class AlertingMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table early_warning (
      id uuid primary key,
      dimension text not null,
      key text not null,
      raised_at timestamptz not null,
      window_from timestamptz not null,
      window_to timestamptz not null,
      last_week integer not null,
      baseline integer[] not null,
      baseline_mean double precision not null,
      p_value double precision not null
    )`);
    // "At most one signal in 7 days" per route or topic; the list, newest first.
    this.addSql(`create index early_warning_key on early_warning (dimension, key, raised_at)`);
    this.addSql(`create index early_warning_newest on early_warning (raised_at desc, id desc)`);
    this.addSql(`create table alert (
      id uuid primary key,
      title text not null,
      summary text not null,
      severity text not null,
      sender_party text,
      raised_by uuid not null,
      routes text[] not null,
      regions text[] not null,
      parties text[] not null,
      addressed_parties text[] not null,
      acknowledgements jsonb not null,
      raised_at timestamptz not null,
      version integer not null
    )`);
    // A focal point's list: the alerts addressed to its party or sent by it.
    this.addSql(`create index alert_addressed on alert using gin (addressed_parties)`);
    this.addSql(`create index alert_sender on alert (sender_party, raised_at desc, id desc)`);
    this.addSql(`create index alert_newest on alert (raised_at desc, id desc)`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table alert');
    this.addSql('drop table early_warning');
  }
}

export const ALERTING_MIGRATION: MigrationObject = {
  name: 'Migration20261129130000_alerting',
  class: AlertingMigration,
};
