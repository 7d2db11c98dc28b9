import { Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Consumer,
  EachBatchPayload,
  EachMessagePayload,
  IHeaders,
  Kafka,
  KafkaMessage,
  Producer,
} from 'kafkajs';
import { EventCatalog, EventEnvelope, MessageHeaders, deadLetterTopic } from '@bp/contracts';
import {
  SpanKind,
  SpanSpec,
  extractTraceContext,
  inSpan,
  runInCorrelationScope,
  sharedCounter,
} from '@bp/observability';
import { databaseAnswers, isTransientDatabaseError } from '@bp/persistence';
import { claimInboxEntries } from '../inbox/inbox';
import { CONSUMER_MAX_WAIT_MS, producerConfig } from '../kafka/kafka-settings';
import { PeriodicOffsetCommits, commitPeriodically } from '../kafka/offset-commits';
import { reportCrashes } from '../kafka/crash-report';
import { EventHandler } from './event-handler';
import { readEvent } from './read-event';

export interface EventConsumerOptions {
  /** Consumer group id and inbox key: one per consuming service (or projection). */
  consumerName: string;
  kafka: Kafka;
  orm: MikroORM;
  topics: readonly string[];
  catalog: EventCatalog;
  handlers: ReadonlyMap<string, readonly EventHandler[]>;
  /** Attempts before a failing message is parked in `<topic>.dlq`. */
  maxAttempts?: number;
  /**
   * Attempts before an event whose failures are contention (a serialization failure, a deadlock, a
   * lock timeout: classed transient, yet the database answers) is parked: more than maxAttempts,
   * since such failures pass when the competing transaction ends.
   */
  maxContendedAttempts?: number;
  retryBackoffMs?: number;
  fromBeginning?: boolean;
  partitionsConsumedConcurrently?: number;
}

/** Why a message could not be applied; its text travels with the message into the dead-letter topic. */
class PoisonMessage extends Error {}

/** Events applied in one transaction at most: a longer run would hold its locks for longer. */
const MAX_EVENTS_PER_TRANSACTION = 50;

type Outcome = 'applied' | 'duplicate' | 'ignored';

/** A run applied whole, or rolled back by the event at `failedAt` (after `attemptsMade` tries of it). */
type RunResult = { applied: number } | { failedAt: number; attemptsMade: number };

interface ReadableEvent {
  envelope: EventEnvelope;
  handlers: readonly EventHandler[] | undefined;
  headers: KafkaMessage['headers'];
}

const outcomes = sharedCounter({
  name: 'bp_events_consumed_total',
  help: 'Events taken from Kafka, by outcome (applied, duplicate, ignored, dead_lettered)',
  labelNames: ['consumer', 'outcome'],
});

const retries = sharedCounter({
  name: 'bp_event_retries_total',
  help: 'Events tried again (reason: failed, database_away, dead_letter_send or newer_version; all but failed hold the partition)',
  labelNames: ['consumer', 'reason'],
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Consumes event topics so that each event changes state at most once (inbox) and at least once
 * (offsets commit, on a timer, only after the effect committed or the message was dead-lettered), while one bad
 * message cannot block its partition: after `maxAttempts` it moves to the dead-letter topic.
 *
 * The events a fetch brings from one partition are applied together, in their order, in one
 * transaction: one commit (and one wait for the disk) for the run instead of one per event. If
 * anything in the run fails, the transaction rolls back whole and its first event takes the
 * one-by-one path with retries and the dead-letter topic, so batching changes neither order nor
 * what a failure does.
 */
export class KafkaEventConsumer {
  private readonly logger: Logger;
  private readonly maxAttempts: number;
  private readonly maxContendedAttempts: number;
  private readonly retryBackoffMs: number;
  private consumer?: Consumer;
  private producer?: Producer;
  private commits?: PeriodicOffsetCommits;
  private running = false;

  constructor(private readonly options: EventConsumerOptions) {
    this.logger = new Logger(`EventConsumer:${options.consumerName}`);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.maxContendedAttempts = Math.max(options.maxContendedAttempts ?? 20, this.maxAttempts);
    this.retryBackoffMs = options.retryBackoffMs ?? 200;
  }

  async start(): Promise<void> {
    this.running = true;
    this.producer = this.options.kafka.producer(producerConfig());
    await this.producer.connect();
    this.consumer = this.options.kafka.consumer({
      groupId: this.options.consumerName,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      // Fetches return as soon as an event is there. Holding them for fuller runs (minBytes and a
      // 100 ms wait) cut transactions by a third but no CPU measurably, and delayed every event
      // when quiet (test/bench/RESULTS.md, session 19).
      maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS,
    });
    reportCrashes(this.consumer, `event consumer ${this.options.consumerName}`);
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.options.topics],
      fromBeginning: this.options.fromBeginning ?? true,
    });
    const commits = commitPeriodically(this.consumer, this.options.consumerName);
    this.commits = commits;
    // Offsets commit on a timer once a message is applied, a duplicate, ignored or dead-lettered;
    // what a crash leaves uncommitted comes again and the inbox skips it.
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.consumeBatch(payload, commits),
    });
    this.logger.log(`Consuming ${this.options.topics.join(', ')}`);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.consumer?.stop().catch(() => undefined);
    await this.commits?.stop();
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }

  private async consumeBatch(payload: EachBatchPayload, commits: PeriodicOffsetCommits) {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const { topic, partition, messages } = batch;
    let next = 0;
    let limit = MAX_EVENTS_PER_TRANSACTION;
    // The event that rolled a run back: it goes on its own next, its failed try counted.
    let failed: string | undefined;
    const finish = async (count: number) => {
      for (const message of messages.slice(next, next + count)) {
        resolveOffset(message.offset);
        commits.done(topic, partition, message.offset);
      }
      next += count;
      await heartbeat();
    };
    while (next < messages.length && isRunning() && !isStale()) {
      const message = messages[next];
      if (message.offset !== failed) {
        const run = this.readableRun(messages.slice(next, next + limit), topic);
        limit = MAX_EVENTS_PER_TRANSACTION;
        if (run.length > 1) {
          const result = await this.applyRun(run, topic);
          if ('applied' in result) {
            await finish(result.applied);
            continue;
          }
          if (result.attemptsMade) failed = messages[next + result.failedAt].offset;
          if (result.failedAt > 0) {
            // The events before the failing one are sound: together again, without it.
            limit = result.failedAt;
            continue;
          }
        }
      }
      const attemptsMade = message.offset === failed ? 1 : 0;
      if (attemptsMade) failed = undefined;
      await this.handleMessage(
        { topic, partition, message, heartbeat, pause: payload.pause },
        attemptsMade,
      );
      await finish(1);
    }
  }

  /** The leading events that parse, up to the first that does not (it goes one by one). */
  private readableRun(messages: readonly KafkaMessage[], topic: string): ReadableEvent[] {
    const run: ReadableEvent[] = [];
    for (const message of messages) {
      const read = readEvent(message.value, this.options.catalog, topic);
      if (!read.ok) break;
      run.push({
        envelope: read.envelope,
        handlers: this.options.handlers.get(read.envelope.type),
        headers: message.headers,
      });
    }
    return run;
  }

  /** Applies the whole run in one transaction, or rolls it back and says which event failed. */
  private async applyRun(run: readonly ReadableEvent[], topic: string): Promise<RunResult> {
    const em = this.options.orm.em.fork() as EntityManager;
    let current = 0;
    try {
      const results = await em.transactional(async (tx) => {
        const claims = await claimInboxEntries(
          tx,
          this.options.consumerName,
          run.filter((event) => event.handlers?.length).map(({ envelope }) => envelope),
        );
        const done: Outcome[] = [];
        for (const { envelope, handlers, headers } of run) {
          if (!handlers?.length) done.push('ignored');
          else if (!claims.take(envelope.id)) done.push('duplicate');
          else
            done.push(
              await runInCorrelationScope(
                { correlationId: envelope.correlationId, causationId: envelope.id },
                () =>
                  inSpan(this.processSpan(topic, envelope, headers), () =>
                    this.runHandlers(tx, envelope, handlers),
                  ),
              ),
            );
          // Each event's writes reach the database before the next event's handlers read it.
          await tx.flush();
          current += 1;
        }
        return done;
      });
      for (const outcome of results) outcomes.inc({ consumer: this.options.consumerName, outcome });
      return { applied: run.length };
    } catch (error) {
      this.logger.warn(
        `A run of ${run.length} events was rolled back at event ${current + 1} (${describe(error)})`,
      );
      // A failed commit or a database outage is nobody's fault: the first event starts afresh.
      // Any other error, "transient" ones included while the database answers, was the event's.
      if (
        current >= run.length ||
        (isTransientDatabaseError(error) && !(await this.databaseAnswers()))
      )
        return { failedAt: 0, attemptsMade: 0 };
      return { failedAt: current, attemptsMade: 1 };
    }
  }

  /** One event on its own, with retries; `attemptsMade` counts a failed try inside a run. */
  private async handleMessage(payload: EachMessagePayload, attemptsMade = 0): Promise<void> {
    const { heartbeat } = payload;
    const read = await this.readOrWait(payload);
    if (!read.ok) {
      await this.deadLetter(payload, new PoisonMessage(read.reason), 1);
      return;
    }
    const envelope = read.envelope;
    const handlers = this.options.handlers.get(envelope.type);
    if (!handlers?.length) {
      outcomes.inc({ consumer: this.options.consumerName, outcome: 'ignored' });
      return;
    }
    const spec = this.processSpan(payload.topic, envelope, payload.message.headers);
    await runInCorrelationScope(
      { correlationId: envelope.correlationId, causationId: envelope.id },
      () =>
        inSpan(spec, async () => {
          let attempt = attemptsMade;
          let transientFailures = 0;
          for (;;) {
            attempt += 1;
            try {
              const applied = await this.apply(envelope, handlers);
              outcomes.inc({
                consumer: this.options.consumerName,
                outcome: applied ? 'applied' : 'duplicate',
              });
              return;
            } catch (error) {
              if (isTransientDatabaseError(error) && !(await this.databaseAnswers())) {
                // The database is away: not the message's fault. Hold the partition until it is back.
                if (!this.running) throw error;
                transientFailures += 1;
                attempt -= 1;
                retries.inc({ consumer: this.options.consumerName, reason: 'database_away' });
                const log = transientFailures % 20 === 0 ? 'error' : 'warn';
                this.logger[log](
                  `Database unavailable while applying ${envelope.type} ${envelope.id} ` +
                    `(${transientFailures} tries, partition ${payload.topic}[${payload.partition}] held): ${describe(error)}`,
                );
                await this.backOff(transientFailures, heartbeat);
                continue;
              }
              // A "transient" error while the database answers (a deadlock, a serialization failure
              // that keeps coming back) counts as an attempt: it cannot hold the partition forever.
              retries.inc({ consumer: this.options.consumerName, reason: 'failed' });
              const budget = isTransientDatabaseError(error)
                ? this.maxContendedAttempts
                : this.maxAttempts;
              if (attempt >= budget) {
                await this.deadLetter(payload, error, attempt);
                return;
              }
              this.logger.warn(
                `Attempt ${attempt} of ${envelope.type} ${envelope.id} failed: ${describe(error)}`,
              );
              await this.backOff(attempt - 1, heartbeat);
            }
          }
        }),
    );
  }

  /**
   * The span an event is handled in: a child of the span that published it (the outbox relay's),
   * so one trace runs from the request that caused the event to every consumer's handling of it.
   */
  private processSpan(
    topic: string,
    envelope: EventEnvelope,
    headers: KafkaMessage['headers'],
  ): SpanSpec {
    return {
      name: `process ${topic}`,
      kind: SpanKind.CONSUMER,
      parent: extractTraceContext(headers),
      attributes: () => ({
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': topic,
        'messaging.consumer.group.name': this.options.consumerName,
        'messaging.message.id': envelope.id,
        'bp.event.type': envelope.type,
      }),
    };
  }

  /** Waits retryBackoffMs × 2^`doublings`, at most 5 s, and tells the group this member lives. */
  private async backOff(doublings: number, heartbeat: () => Promise<void>): Promise<void> {
    await sleep(Math.min(this.retryBackoffMs * 2 ** doublings, 5_000));
    await heartbeat();
  }

  /** Whether a fresh statement gets through: tells an outage from an error of this event. */
  private databaseAnswers(): Promise<boolean> {
    return databaseAnswers(this.options.orm.em.fork());
  }

  /**
   * The event as read; an event of a newer version than this consumer reads holds the partition
   * (order per aggregate forbids skipping it) until this consumer is upgraded and restarted.
   */
  private async readOrWait({ message, topic, partition, heartbeat }: EachMessagePayload) {
    for (let waits = 0; ; waits += 1) {
      const read = readEvent(message.value, this.options.catalog, topic);
      if (read.ok || !read.newer) return read;
      if (!this.running) throw new Error(read.reason);
      retries.inc({ consumer: this.options.consumerName, reason: 'newer_version' });
      if (waits % 60 === 0)
        this.logger.error(
          `${topic}[${partition}]@${message.offset} held: ${read.reason}; upgrade this consumer`,
        );
      await this.backOff(waits, heartbeat);
    }
  }

  /** Runs every handler of the event in one transaction with its inbox entry; false if seen before. */
  private async apply(
    envelope: EventEnvelope,
    handlers: readonly EventHandler[],
  ): Promise<boolean> {
    const em = this.options.orm.em.fork() as EntityManager;
    return em.transactional(
      async (tx) => (await this.applyIn(tx, envelope, handlers)) === 'applied',
    );
  }

  /** The event's inbox entry and every handler, in the caller's transaction. */
  private async applyIn(
    tx: EntityManager,
    envelope: EventEnvelope,
    handlers: readonly EventHandler[],
  ): Promise<Outcome> {
    const claims = await claimInboxEntries(tx, this.options.consumerName, [envelope]);
    if (!claims.take(envelope.id)) return 'duplicate';
    return this.runHandlers(tx, envelope, handlers);
  }

  /** Every handler of an event whose inbox entry the transaction holds. */
  private async runHandlers(
    tx: EntityManager,
    envelope: EventEnvelope,
    handlers: readonly EventHandler[],
  ): Promise<'applied'> {
    for (const handler of handlers) await handler(envelope, tx);
    return 'applied';
  }

  private async deadLetter(
    { topic, partition, message, heartbeat }: EachMessagePayload,
    error: unknown,
    attempts: number,
  ) {
    const headers: IHeaders = {
      ...message.headers,
      [MessageHeaders.dlqError]: describe(error).slice(0, 4_000),
      [MessageHeaders.dlqAttempts]: String(attempts),
      [MessageHeaders.dlqConsumer]: this.options.consumerName,
      [MessageHeaders.dlqOriginalTopic]: topic,
      [MessageHeaders.dlqOriginalPartition]: String(partition),
      [MessageHeaders.dlqOriginalOffset]: message.offset,
      [MessageHeaders.dlqFailedAt]: new Date().toISOString(),
    };
    // Until the dead-letter topic takes it, the partition waits here: skipping would lose the
    // message, and failing the batch would have Kafka deliver it again and every attempt re-run.
    for (let failures = 0; ; ) {
      try {
        await this.producer!.send({
          topic: deadLetterTopic(topic),
          acks: -1,
          messages: [{ key: message.key, value: message.value, headers }],
        });
        break;
      } catch (sendError) {
        // Stopping: the offset stays unresolved and the message comes back to the next owner.
        if (!this.running) throw sendError;
        failures += 1;
        retries.inc({ consumer: this.options.consumerName, reason: 'dead_letter_send' });
        this.logger.error(
          `Cannot dead-letter ${topic}[${partition}]@${message.offset} (try ${failures}), partition held: ${describe(sendError)}`,
        );
        await this.backOff(failures, heartbeat);
      }
    }
    outcomes.inc({ consumer: this.options.consumerName, outcome: 'dead_lettered' });
    this.logger.error(
      `Dead-lettered ${topic}[${partition}]@${message.offset} after ${attempts} attempt(s): ${describe(error)}`,
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
