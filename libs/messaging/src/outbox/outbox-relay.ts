import { Logger } from '@nestjs/common';
import { Producer } from 'kafkajs';
import { Client } from 'pg';
import { advisoryLockKey } from '@bp/persistence';
import { ROOT_CONTEXT, Span, trace } from '@opentelemetry/api';
import { MessageHeaders } from '@bp/contracts';
import {
  SpanKind,
  extractTraceContext,
  failSpan,
  injectTraceContext,
  isExportingTraces,
  sharedCounter,
  startSpan,
} from '@bp/observability';
import { OUTBOX_CHANNEL } from '../schema/messaging-schema.migration';
import { isRefusedRecord } from '../kafka/refused-record';

export interface OutboxRelayOptions {
  /** Connection string of the service's own database. */
  connectionString: string;
  /** Names the relay in logs and metrics, and picks its advisory lock. */
  service: string;
  producer: Producer;
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (a missed notification, or a restart). */
  pollIntervalMs?: number;
  /** How often a standby relay tries to become the active one. */
  standbyIntervalMs?: number;
  /** Published rows are kept this long for inspection, then deleted. */
  retainPublishedMs?: number;
  /**
   * How long the relay's database session may go unanswered (this side) or unused (the server's
   * side) before it is given up: a relay on a half-open connection must not keep the lock.
   */
  sessionTimeoutMs?: number;
}

interface OutboxRow {
  position: string;
  topic: string;
  message_key: string;
  envelope: unknown;
  headers: Record<string, string>;
}

const published = sharedCounter({
  name: 'bp_outbox_published_total',
  help: 'Events published from the outbox',
  labelNames: ['service'],
});
const parked = sharedCounter({
  name: 'bp_outbox_parked_total',
  help: 'Outbox events the broker refused for what they are, parked instead of published',
  labelNames: ['service'],
});

/**
 * Publishes committed outbox rows to Kafka in commit-position order, keyed by aggregate, then marks
 * them published. A crash between the two republishes the batch: consumers dedupe by event id.
 * One relay per service is active (a session advisory lock); others wait on standby. What waits
 * is measured apart from the relay, by every instance (outbox-gauges.ts).
 *
 * A broker that is away or slow, or refuses this service (ACLs), holds everything back (rows stay,
 * retried with backoff). A row the broker refuses for what it is (too large, malformed) would be
 * refused forever and block every later event:
 * the batch is then sent row by row and such a row is parked (`parked_at`, `parked_reason`,
 * `bp_outbox_parked_total`, an error in the log) so the rest flow on.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly standbyIntervalMs: number;
  private readonly retainPublishedMs: number;
  private readonly sessionTimeoutMs: number;
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private active = false;
  private lastCleanup = 0;
  private producerConnected = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.logger = new Logger(`OutboxRelay:${options.service}`);
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.standbyIntervalMs = options.standbyIntervalMs ?? 2_000;
    this.retainPublishedMs = options.retainPublishedMs ?? 7 * 24 * 3600_000;
    this.sessionTimeoutMs = options.sessionTimeoutMs ?? 60_000;
    options.producer.on(options.producer.events.DISCONNECT, () => {
      this.producerConnected = false;
    });
  }

  get isActive(): boolean {
    return this.active;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.superviseSessions();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await this.options.producer.disconnect().catch(() => undefined);
  }

  /** Publish now rather than at the next notification or poll. */
  wake(): void {
    this.wakeUp?.();
  }

  private async superviseSessions(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.session();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.logger.warn(`Relay session ended: ${describe(error)}; reconnecting`);
        await this.pause(Math.min(200 * 2 ** failures, 5_000));
      } finally {
        this.active = false;
      }
    }
  }

  /**
   * One database session: wait for the lock, then publish until stopped or the connection fails.
   * The lock lives as long as the session, so both ends watch it: this side gives up a query left
   * unanswered for `sessionTimeoutMs`, and the server ends the session once it sat unused that
   * long (`idle_session_timeout`; a live relay speaks every poll or standby interval), which frees
   * the lock for a standby even when this process is gone or cut off without a word.
   */
  private async session(): Promise<void> {
    const client = new Client({
      connectionString: this.options.connectionString,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: this.sessionTimeoutMs,
      query_timeout: this.sessionTimeoutMs,
    });
    let connectionError: unknown;
    client.on('error', (error) => {
      connectionError = error;
      this.wake();
    });
    await client.connect();
    try {
      // This session walks outbox_message_unpublished with a plain index scan, whatever the
      // database's defaults: it marks the entries of rows published since as dead as it passes
      // them, so later polls skip them. A bitmap scan never marks them, and without vacuum
      // (autovacuum off, or behind) each poll then visits every row published since: 31 ms a
      // poll after 63,000 filings, 0.4 ms with this (test/bench/RESULTS.md, Session 20).
      await client.query(
        `select set_config('idle_session_timeout', $1, false),
           set_config('enable_indexscan', 'on', false),
           set_config('enable_bitmapscan', 'off', false),
           set_config('enable_seqscan', 'off', false)`,
        [`${this.sessionTimeoutMs}ms`],
      );
      // Two relays of one service must never publish at once, or one aggregate's events could be reordered.
      const lockKey = advisoryLockKey(`outbox-relay:${this.options.service}`);
      while (this.running) {
        const { rows } = await client.query<{ locked: boolean }>(
          'select pg_try_advisory_lock($1) as locked',
          [lockKey],
        );
        if (rows[0]?.locked) break;
        await this.pause(this.standbyIntervalMs);
      }
      if (!this.running) return;
      this.active = true;
      this.logger.log('Active relay for this service');
      client.on('notification', () => this.wake());
      await client.query(`listen ${OUTBOX_CHANNEL}`);
      let publishFailures = 0;
      while (this.running) {
        if (connectionError) throw connectionError;
        let count: number;
        try {
          count = await this.publishBatch(client);
          publishFailures = 0;
        } catch (error) {
          if (isDatabaseError(error)) throw error;
          // The broker is down or slow: keep the rows, keep the lock, try again with backoff.
          publishFailures += 1;
          this.logger.warn(`Publishing failed (attempt ${publishFailures}): ${describe(error)}`);
          await this.pause(Math.min(250 * 2 ** publishFailures, 5_000));
          continue;
        }
        await this.cleanupPublished(client);
        if (count < this.batchSize) await this.pause(this.pollIntervalMs);
      }
    } finally {
      await closeWithin(client, 2_000);
    }
  }

  private async publishBatch(client: Client): Promise<number> {
    const { rows } = await client.query<OutboxRow>({
      // Named, so this session plans it once (with its index-scan settings) and not every poll.
      name: 'outbox.poll',
      text: `select position, topic, message_key, envelope, headers from outbox_message
        where published_at is null and parked_at is null order by position limit $1`,
      values: [this.batchSize],
    });
    if (!rows.length) return 0;
    // Connected lazily: the relay must be able to start, and keep its rows, while the broker is down.
    if (!this.producerConnected) {
      await this.keepingSession(client, this.options.producer.connect());
      this.producerConnected = true;
    }
    try {
      await this.keepingSession(client, this.send(rows));
    } catch (error) {
      if (!isRefusedRecord(error)) throw error;
      return this.publishRowByRow(client, rows);
    }
    await this.markPublished(client, rows);
    published.inc({ service: this.options.service }, rows.length);
    return rows.length;
  }

  /** After a refusal: each row on its own, in order, parking those the broker refuses. */
  private async publishRowByRow(client: Client, rows: OutboxRow[]): Promise<number> {
    let sent = 0;
    for (const row of rows) {
      try {
        await this.keepingSession(client, this.send([row]));
      } catch (error) {
        if (!isRefusedRecord(error)) throw error;
        await client.query(
          'update outbox_message set parked_at = now(), parked_reason = $2 where position = $1',
          [row.position, describe(error).slice(0, 4_000)],
        );
        parked.inc({ service: this.options.service });
        this.logger.error(
          `Parked outbox event at position ${row.position} for ${row.topic}: the broker refused it (${describe(error)})`,
        );
        continue;
      }
      await this.markPublished(client, [row]);
      sent += 1;
    }
    published.inc({ service: this.options.service }, sent);
    return rows.length;
  }

  /**
   * A send to a broker that is coming back can take longer than the server lets the session sit
   * unused; losing the session then would publish the batch a second time. So the session speaks
   * while it waits.
   */
  private async keepingSession<T>(client: Client, work: Promise<T>): Promise<T> {
    const timer = setInterval(
      () => void client.query('select 1').catch(() => undefined),
      Math.max(this.sessionTimeoutMs / 3, 100),
    );
    try {
      return await work;
    } finally {
      clearInterval(timer);
    }
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<
      string,
      { key: string; value: string; headers: Record<string, string> }[]
    >();
    // Where spans are exported, each row's publish is a span of the trace the row was written in,
    // and its record carries that span on; elsewhere the row's own trace context goes on as stored.
    const spans = isExportingTraces() ? rows.map((row) => this.publishSpan(row)) : [];
    rows.forEach((row, at) => {
      const messages = byTopic.get(row.topic) ?? [];
      const span = spans[at];
      messages.push({
        key: row.message_key,
        value: JSON.stringify(row.envelope),
        headers: span
          ? injectTraceContext({ ...row.headers }, trace.setSpan(ROOT_CONTEXT, span))
          : row.headers,
      });
      byTopic.set(row.topic, messages);
    });
    try {
      await this.options.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (error) {
      for (const span of spans) failSpan(span, error);
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
  }

  private publishSpan(row: OutboxRow): Span {
    return startSpan({
      name: `send ${row.topic}`,
      kind: SpanKind.PRODUCER,
      parent: extractTraceContext(row.headers),
      attributes: () => ({
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': row.topic,
        'bp.event.type': row.headers[MessageHeaders.eventType] ?? '',
        'bp.outbox.position': row.position,
      }),
    });
  }

  private async markPublished(client: Client, rows: OutboxRow[]): Promise<void> {
    await client.query({
      name: 'outbox.mark-published',
      text: 'update outbox_message set published_at = now() where position = any($1::bigint[])',
      values: [rows.map((row) => row.position)],
    });
  }

  private async cleanupPublished(client: Client): Promise<void> {
    if (Date.now() - this.lastCleanup < 60_000) return;
    this.lastCleanup = Date.now();
    await client.query(
      `delete from outbox_message where published_at < now() - ($1::bigint * interval '1 millisecond')`,
      [this.retainPublishedMs],
    );
  }

  private pause(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}

function isDatabaseError(error: unknown): boolean {
  const candidate = error as { severity?: unknown } | null;
  if (!candidate || typeof candidate !== 'object') return false;
  // Errors from the server carry a severity; a lost connection shows in the pg client's messages.
  // (isTransientDatabaseError would not do: its "connection error" also matches KafkaJS errors,
  // and a broker outage must keep the session and its lock.)
  return (
    typeof candidate.severity === 'string' ||
    (candidate instanceof Error &&
      /Connection terminated|Client has encountered|not queryable|Query read timeout/.test(
        candidate.message,
      ))
  );
}

/** Ends the session; a peer that no longer answers gets its socket destroyed instead. */
async function closeWithin(client: Client, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ended = client.end().then(
    () => true,
    () => true,
  );
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  if (!(await Promise.race([ended, late])))
    (
      client as unknown as { connection: { stream: { destroy(): void } } }
    ).connection.stream.destroy();
  clearTimeout(timer);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
