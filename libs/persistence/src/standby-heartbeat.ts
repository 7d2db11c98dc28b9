import { Injectable } from '@nestjs/common';
import { MigrationObject, MikroORM } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { EntityManager } from '@mikro-orm/postgresql';
import { ScheduledPass } from './scheduled-pass';

/** How often the primary's heartbeat is written: a standby's measured lag is up to this much high. */
export const STANDBY_HEARTBEAT_INTERVAL_MS = 1_000;

/**
 * Writes the time on the primary every second; replication carries the row to the standby, where
 * its age is how far behind the standby is (StandbyReads). A standby's own replay timestamp would
 * stop moving while the primary is idle, and could not tell an idle primary from a cut link.
 * Every instance beats: the row is one, and any instance's beat is the primary's.
 */
@Injectable()
export class StandbyHeartbeat extends ScheduledPass {
  constructor(private readonly orm: MikroORM) {
    super(StandbyHeartbeat.name, STANDBY_HEARTBEAT_INTERVAL_MS, true);
  }

  pass(): Promise<unknown> {
    return (this.orm.em.fork() as EntityManager).execute(
      `insert into standby_heartbeat (id, beat_at) values (1, clock_timestamp())
       on conflict (id) do update set beat_at = excluded.beat_at`,
    );
  }
}

class StandbyHeartbeatMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table standby_heartbeat (
      id smallint primary key check (id = 1),
      beat_at timestamptz not null
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table standby_heartbeat');
  }
}

/** The heartbeat's one row, in the database of every service that reads from a standby. */
export const STANDBY_HEARTBEAT_MIGRATION: MigrationObject = {
  name: 'Migration20261130100000_standby_heartbeat',
  class: StandbyHeartbeatMigration,
};
