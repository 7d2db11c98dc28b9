import { MikroORM } from '@mikro-orm/core';
import { sharedGauge } from '@bp/observability';
import { PeriodicTask } from '@bp/persistence';

export interface OutboxGaugesOptions {
  orm: MikroORM;
  /** The service whose outbox this is: the label of its series. */
  service: string;
  intervalMs?: number;
}

const backlog = sharedGauge({
  name: 'bp_outbox_backlog',
  help: 'Outbox events waiting to be published (neither published nor parked)',
  labelNames: ['service'],
});

const oldestAge = sharedGauge({
  name: 'bp_outbox_oldest_age_seconds',
  help: 'Age of the oldest outbox event waiting to be published; 0 when none waits',
  labelNames: ['service'],
});

const parkedNow = sharedGauge({
  name: 'bp_outbox_parked_events',
  help: 'Outbox events parked because the broker refused them, waiting for an operator',
  labelNames: ['service'],
});

// Both counts are read through partial indexes (outbox_message_unpublished, outbox_message_parked):
// published rows, kept for days, are never scanned.
const OUTBOX_STATE = `select
  (select count(*) from outbox_message where published_at is null and parked_at is null) as waiting,
  (select coalesce(extract(epoch from now() - min(created_at)), 0) from outbox_message
    where published_at is null and parked_at is null) as oldest_age,
  (select count(*) from outbox_message where published_at is null and parked_at is not null) as parked`;

interface OutboxState {
  waiting: string;
  oldest_age: string;
  parked: string;
}

/**
 * The outbox as the database holds it, read on a timer by every instance of a service. Only the
 * instance holding the relay's lock publishes; the others wait on standby, so the relay's own view
 * would vanish with it exactly when it is stuck or gone. The reading goes through the app's pool,
 * never the relay's locked session.
 */
export class OutboxGauges {
  private readonly task: PeriodicTask;

  constructor(private readonly options: OutboxGaugesOptions) {
    this.task = new PeriodicTask('Outbox gauges', options.intervalMs ?? 10_000, () =>
      this.refresh(),
    );
  }

  start(): void {
    this.task.start({ immediately: true });
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  private async refresh(): Promise<void> {
    const labels = { service: this.options.service };
    try {
      const [state] = await this.options.orm.em
        .fork()
        .getConnection()
        .execute<OutboxState[]>(OUTBOX_STATE);
      backlog.set(labels, Number(state?.waiting ?? 0));
      oldestAge.set(labels, Number(state?.oldest_age ?? 0));
      parkedNow.set(labels, Number(state?.parked ?? 0));
    } catch (error) {
      // Unknown is not empty: the series go away while the database does not answer.
      for (const gauge of [backlog, oldestAge, parkedNow]) gauge.remove(labels);
      throw error;
    }
  }
}
