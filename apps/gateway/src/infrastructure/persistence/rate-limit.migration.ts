import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * One row per caller and rate-limit window, shared by every gateway instance. Unlogged: a counter
 * is worth no write-ahead log, and losing the counts of the current window in a crash only lets
 * callers start afresh.
 */
class RateLimitMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create unlogged table rate_limit_counter (
      subject text not null,
      window_seconds integer not null check (window_seconds > 0),
      window_start timestamptz not null,
      hits integer not null default 1,
      primary key (subject, window_seconds, window_start)
    )`);
    this.addSql(
      'create index rate_limit_counter_window_start on rate_limit_counter (window_start)',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table rate_limit_counter');
  }
}

export const RATE_LIMIT_MIGRATION: MigrationObject = {
  name: 'Migration20261128060000_rate_limit_counter',
  class: RateLimitMigration,
};
