import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';

/**
 * rfi.* events no longer carry the request's title (it may name a person, and bp.rfi.events
 * outlives the request's retention): drops it from the events the outbox still holds. Records
 * already on the topic keep it; README (Retention) says how an operator rewrites them.
 */
class EventTitlesDroppedMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update outbox_message set envelope = envelope #- '{data,title}'
      where event_type like 'rfi.%' and envelope #> '{data,title}' is not null`);
  }

  override async down(): Promise<void> {
    // Nothing to restore: the titles are in information_request.
  }
}

export const EVENT_TITLES_DROPPED_MIGRATION: MigrationObject = {
  name: 'Migration20261130070000_event_titles_dropped',
  class: EventTitlesDroppedMigration,
};
