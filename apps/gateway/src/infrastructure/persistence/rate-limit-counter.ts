import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { PeriodicTask, PreparedStatement, runPrepared } from '@bp/persistence';
import { WindowCount } from '../../domain/rate-limit';

// The window is cut from the database's clock, not the instance's, so instances whose clocks
// differ still share one window; one statement counts the request and reads the result.
const COUNT_REQUEST: PreparedStatement = {
  name: 'gateway.count-request',
  text: `
    insert into rate_limit_counter as counter (subject, window_seconds, window_start, hits)
    values ($1, $2::integer, to_timestamp(floor(extract(epoch from now()) / $2::integer) * $2::integer), 1)
    on conflict (subject, window_seconds, window_start) do update set hits = counter.hits + 1
    returning counter.hits,
      extract(epoch from counter.window_start + make_interval(secs => counter.window_seconds) - now())
        as seconds_left`,
};

const DELETE_ENDED_WINDOWS = `
  delete from rate_limit_counter
  where window_start + make_interval(secs => window_seconds) < now()`;

/** Ended windows are never read again; each instance clears them now and then (harmless twice). */
const CLEAN_UP_EVERY_MS = 60_000;

/** The per-caller request counters in the gateway's database (rate_limit_counter). */
@Injectable()
export class RateLimitCounter implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly cleanup = new PeriodicTask('RateLimitCleanup', CLEAN_UP_EVERY_MS, () =>
    this.deleteEndedWindows(),
  );

  constructor(private readonly orm: MikroORM) {}

  /** Counts one request of `subject` in the current window of `windowSeconds`. */
  async count(subject: string, windowSeconds: number): Promise<WindowCount> {
    const [row] = await runPrepared<{ hits: number; seconds_left: string }>(
      this.em(),
      COUNT_REQUEST,
      [subject, windowSeconds],
    );
    return { hits: Number(row!.hits), secondsLeft: Number(row!.seconds_left) };
  }

  async deleteEndedWindows(): Promise<number> {
    const result = await this.em().execute<{ affectedRows: number }>(
      DELETE_ENDED_WINDOWS,
      [],
      'run',
    );
    return result.affectedRows;
  }

  onApplicationBootstrap(): void {
    this.cleanup.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.cleanup.stop();
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }
}
