import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { Kafka, Producer } from 'kafkajs';
import { register } from 'prom-client';
import { EventEnvelope, MessageHeaders, deadLetterTopic } from '@bp/contracts';
import { runInCorrelationScope } from '@bp/observability';
import { databaseUrl } from '@bp/persistence';
import {
  EventHandler,
  OutboxRelay,
  claimInboxEntries,
  createKafka,
  kafkaClientConfig,
  producerConfig,
  stageEvents,
} from '@bp/messaging';
import {
  TopicRecorder,
  createEventTopic,
  recordCount,
  testKafka,
} from '../../../test/support/kafka-fixtures';
import { createMessagingTestDatabase, fork } from '../../../test/support/database-fixtures';
import { broker, eventually, kafkaConnection, sleep } from '../../../test/support/test-env';
import {
  ProbeIncremented,
  applyIncrement,
  createProbeTable,
  probeEnvelope,
  probeEvents,
  probeValue,
  probeConsumer,
} from './probe-fixture';

jest.setTimeout(180_000);

describe('reliable event delivery (real Kafka, real PostgreSQL)', () => {
  let orm: MikroORM;
  let connectionString: string;
  let kafka: Kafka;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    const db = await createMessagingTestDatabase('bp_messaging_it');
    orm = db.orm;
    connectionString = databaseUrl(db.config.database);
    await createProbeTable(fork(orm));
    kafka = testKafka();
  });

  afterEach(async () => {
    while (closers.length) await closers.pop()!();
  });

  afterAll(async () => {
    await orm.close(true);
  });

  function startRelay(service: string): OutboxRelay {
    const relay = new OutboxRelay({
      connectionString,
      service,
      producer: createKafka(`it-relay-${service}`, kafkaConnection()).producer(producerConfig()),
      pollIntervalMs: 200,
    });
    relay.start();
    closers.push(() => relay.stop());
    return relay;
  }

  function startConsumer(
    topic: string,
    handler: EventHandler<ProbeIncremented>,
    maxAttempts = 3,
    consumerName?: string,
  ) {
    const consumer = probeConsumer(orm, topic, handler, {
      consumerName,
      maxAttempts,
      maxContendedAttempts: 4,
      retryBackoffMs: 20,
    });
    closers.push(() => consumer.stop());
    return consumer.start().then(() => consumer);
  }

  async function recorder(...topics: string[]): Promise<TopicRecorder> {
    const r = await new TopicRecorder(kafka).start(...topics);
    closers.push(() => r.stop());
    return r;
  }

  /** The use case shape of every service: change state and stage its event in one transaction. */
  async function incrementAndAnnounce(
    topic: string,
    counterId: string,
    sequence: number,
    fail = false,
  ) {
    const { incremented } = probeEvents(topic);
    await fork(orm).transactional(async (em) => {
      await applyIncrement(em, counterId, sequence);
      await stageEvents(
        em,
        [{ definition: incremented, subject: counterId, data: { counterId, sequence } }],
        {
          source: 'it',
        },
      );
      if (fail) throw new Error('use case failed after staging');
    });
  }

  async function unpublished(topic: string): Promise<number> {
    const rows = await fork(orm).execute<{ n: string }[]>(
      'select count(*) as n from outbox_message where topic = ? and published_at is null',
      [topic],
    );
    return Number(rows[0]!.n);
  }

  it('commits a state change and its event together, or neither', async () => {
    const topic = await createEventTopic(kafka);
    const counterId = `atomic-${randomUUID()}`;
    await expect(incrementAndAnnounce(topic, counterId, 1, true)).rejects.toThrow(
      'use case failed',
    );
    expect(await probeValue(fork(orm), counterId)).toBeNull();
    expect(await unpublished(topic)).toBe(0);

    await incrementAndAnnounce(topic, counterId, 1);
    expect((await probeValue(fork(orm), counterId))?.value).toBe(1);
    expect(await unpublished(topic)).toBe(1);
  });

  it('delivers an event committed while the broker is down exactly once after it restarts', async () => {
    const topic = await createEventTopic(kafka);
    const counterId = `outage-${randomUUID()}`;
    await incrementAndAnnounce(topic, counterId, 1);

    await broker.stop();
    try {
      startRelay('it-outage');
      await sleep(3_000);
      // The relay tried and failed: the event is still waiting in the outbox, not lost.
      expect(await unpublished(topic)).toBe(1);
    } finally {
      await broker.start();
    }

    const seen = await recorder(topic);
    await eventually(
      'the event to be published',
      async () => (await unpublished(topic)) === 0,
      60_000,
    );
    await eventually('the event to arrive', async () => seen.on(topic).length >= 1, 30_000);
    await sleep(2_000);
    // Published once: the topic holds one record. (The recorder may be handed a record twice
    // when its group rebalances beside a restarting broker; that is the reader, not the topic.)
    expect(await recordCount(kafka, topic)).toBe(1);
    const arrived = seen.on(topic);
    expect(new Set(arrived.map((m) => `${m.partition}@${m.offset}`)).size).toBe(1);
    const event = JSON.parse(arrived[0]!.value!) as EventEnvelope<ProbeIncremented>;
    expect(event.subject).toBe(counterId);
    expect(event.data).toEqual({ counterId, sequence: 1 });
  });

  // Issue 13: "one outbox row that cannot be published ... blocks every later event of that service".
  it('one outbox row that cannot be published no longer blocks every later event of its service: the one the broker refuses is parked, the events after it publish', async () => {
    const topic = await createEventTopic(kafka, 1);
    const counterId = `refused-${randomUUID()}`;
    await incrementAndAnnounce(topic, counterId, 1);
    // Larger than the broker's message.max.bytes (1 MB): refused for what it is, every time.
    const { incremented } = probeEvents(topic);
    await fork(orm).transactional((em) =>
      stageEvents(
        em,
        [
          {
            definition: incremented,
            subject: counterId,
            data: { counterId: 'x'.repeat(1_200_000), sequence: 2 },
          },
        ],
        { source: 'it' },
      ),
    );
    await incrementAndAnnounce(topic, counterId, 3);
    const seen = await recorder(topic);
    startRelay('it-refused');

    await eventually('the events around the refused one', async () => seen.on(topic).length >= 2);
    const arrived = seen
      .on(topic)
      .map((m) => JSON.parse(m.value!) as EventEnvelope<ProbeIncremented>);
    expect(arrived.map((e) => e.data.sequence)).toEqual([1, 3]);
    const rows = await fork(orm).execute<
      { sequence: number; published: boolean; reason: string | null }[]
    >(
      `select (envelope->'data'->>'sequence')::int as sequence, published_at is not null as published,
              parked_reason as reason
       from outbox_message where topic = ? order by position`,
      [topic],
    );
    expect(rows.map((r) => [r.sequence, r.published])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    expect(rows[1]!.reason).toMatch(/larger than the max message size/);
    expect(rows[0]!.reason).toBeNull();
  });

  it('applies an event delivered twice only once', async () => {
    const topic = await createEventTopic(kafka);
    const counterId = `dupe-${randomUUID()}`;
    const envelope = probeEnvelope(topic, counterId, 7);
    const handled: string[] = [];
    await startConsumer(topic, async (event, em) => {
      handled.push(event.id);
      await applyIncrement(em, event.data.counterId, event.data.sequence);
    });
    const producer: Producer = kafka.producer(producerConfig());
    await producer.connect();
    closers.push(() => producer.disconnect());
    const message = { key: counterId, value: JSON.stringify(envelope) };
    await producer.send({ topic, messages: [message] });
    await producer.send({ topic, messages: [message] });
    const marker = `dupe-marker-${randomUUID()}`;
    await producer.send({
      topic,
      messages: [
        {
          key: counterId,
          value: JSON.stringify({
            ...envelope,
            id: randomUUID(),
            subject: marker,
            data: { counterId: marker, sequence: 1 },
          }),
        },
      ],
    });
    // The marker comes after both copies on the same partition: once it is applied, both were seen.
    await eventually(
      'the marker event',
      async () => (await probeValue(fork(orm), marker)) ?? undefined,
      30_000,
    );
    const state = await probeValue(fork(orm), counterId);
    expect(state).toEqual({ value: 1, sequences: [7] });
    const inbox = await fork(orm).execute<{ n: string }[]>(
      'select count(*) as n from inbox_message where event_id = ?',
      [envelope.id],
    );
    expect(Number(inbox[0]!.n)).toBe(1);
  });

  /*
   * Issue 13: "a consumer handler error classed as transient (including errors that never go
   * away, e.g. too many connections) holds its partition forever, with no limit and no metric".
   */
  it('a handler error classed as transient no longer holds its partition forever: it is parked after its attempts, counted in bp_event_retries_total, and the partition flows on', async () => {
    const topic = await createEventTopic(kafka, 1);
    const key = `poison-${randomUUID()}`;
    const consumerName = `it-poison-${randomUUID().slice(0, 8)}`;
    let poisonAttempts = 0;
    let stuckAttempts = 0;
    let crowdedAttempts = 0;
    await startConsumer(
      topic,
      async (event, em) => {
        if (event.data.sequence === 666) {
          poisonAttempts += 1;
          throw new Error('cannot apply sequence 666');
        }
        if (event.data.sequence === 667) {
          stuckAttempts += 1;
          // Classed transient, yet the database is up: it must not hold the partition forever.
          throw Object.assign(new Error('could not serialize access'), { code: '40001' });
        }
        if (event.data.sequence === 668) {
          crowdedAttempts += 1;
          // An error that never goes away, classed transient (class 53) while the database answers.
          throw Object.assign(new Error('sorry, too many clients already'), { code: '53300' });
        }
        await applyIncrement(em, `seen-${event.data.counterId}`, event.data.sequence);
      },
      3,
      consumerName,
    );
    const dlq = await recorder(deadLetterTopic(topic));
    // One partition: the poison message and those after it share it.
    await incrementAndAnnounce(topic, key, 666);
    await incrementAndAnnounce(topic, key, 667);
    await incrementAndAnnounce(topic, key, 668);
    for (let sequence = 1; sequence <= 5; sequence += 1)
      await incrementAndAnnounce(topic, `${key}-after`, sequence);
    const producer = kafka.producer(producerConfig());
    await producer.connect();
    closers.push(() => producer.disconnect());
    await producer.send({ topic, messages: [{ key, value: 'this is not json' }] });
    startRelay('it-dlq');

    await eventually('the messages after the poison one to be applied', async () => {
      const after = await probeValue(fork(orm), `seen-${key}-after`);
      return after?.value === 5 ? after : undefined;
    });
    await eventually(
      'the four poison messages in the dead-letter topic',
      async () => dlq.on(deadLetterTopic(topic)).length >= 4,
    );
    const parkedWith = (sequence: number) =>
      dlq
        .on(deadLetterTopic(topic))
        .find(
          (m) => m.value !== 'this is not json' && JSON.parse(m.value!).data.sequence === sequence,
        );
    const parked = parkedWith(666);
    const malformed = dlq.on(deadLetterTopic(topic)).find((m) => m.value === 'this is not json');
    expect(poisonAttempts).toBe(3);
    // Contention gets a larger budget (4 here) than other failures (3).
    expect(stuckAttempts).toBe(4);
    expect(parkedWith(667)!.headers[MessageHeaders.dlqError]).toContain(
      'could not serialize access',
    );
    // Classed transient too: the same larger budget as contention, and no more.
    expect(crowdedAttempts).toBe(4);
    expect(parkedWith(668)!.headers[MessageHeaders.dlqError]).toContain('too many clients');
    // Every failed try but the first of each is a retry (a first try inside a run of events is
    // not counted as one): at least 2 + 3 + 3, at most one per try.
    const failedRetries = (await register.getSingleMetric('bp_event_retries_total')!.get()).values
      .filter((v) => v.labels.consumer === consumerName && v.labels.reason === 'failed')
      .reduce((sum, v) => sum + v.value, 0);
    expect(failedRetries).toBeGreaterThanOrEqual(8);
    expect(failedRetries).toBeLessThanOrEqual(11);
    expect(parked!.headers[MessageHeaders.dlqAttempts]).toBe('3');
    expect(parked!.headers[MessageHeaders.dlqError]).toContain('cannot apply sequence 666');
    expect(parked!.headers[MessageHeaders.dlqOriginalTopic]).toBe(topic);
    expect(JSON.parse(parked!.value!).data.sequence).toBe(666);
    expect(malformed!.headers[MessageHeaders.dlqError]).toContain('not JSON');
    expect(malformed!.value).toBe('this is not json');
    expect((await probeValue(fork(orm), `seen-${key}-after`))?.sequences).toEqual([1, 2, 3, 4, 5]);
  });

  // Issue 13: "a failed dead-letter send loops".
  it('a failed dead-letter send no longer loops: the partition is held while the dead-letter topic refuses a message, without trying the event again', async () => {
    // The event topic without its dead-letter topic: every dead-letter send fails until it exists.
    const topic = `it.${randomUUID().slice(0, 8)}.events`;
    const admin = kafka.admin();
    await admin.connect();
    closers.push(() => admin.disconnect());
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
    const key = `no-dlq-${randomUUID()}`;
    let poisonAttempts = 0;
    const consumer = probeConsumer(
      orm,
      topic,
      async (event, em) => {
        if (event.data.sequence === 666) {
          poisonAttempts += 1;
          throw new Error('cannot apply sequence 666');
        }
        await applyIncrement(em, `seen-${event.data.counterId}`, event.data.sequence);
      },
      {
        // Few retries inside KafkaJS, so each failed dead-letter send comes back quickly.
        kafka: new Kafka({
          ...kafkaClientConfig('it-no-dlq', kafkaConnection()),
          retry: { initialRetryTime: 50, retries: 1 },
        }),
        maxAttempts: 3,
        retryBackoffMs: 20,
      },
    );
    closers.push(() => consumer.stop());
    await consumer.start();
    await incrementAndAnnounce(topic, key, 666);
    await incrementAndAnnounce(topic, `${key}-after`, 1);
    startRelay('it-no-dlq');

    await eventually('the poison event tried', async () => poisonAttempts >= 3);
    await sleep(3_000);
    // Held, not redelivered: the event was not tried again, and the one after it waits.
    expect(poisonAttempts).toBe(3);
    expect(await probeValue(fork(orm), `seen-${key}-after`)).toBeNull();

    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: deadLetterTopic(topic), numPartitions: 1 }],
    });
    await eventually(
      'the event after the poison one',
      async () => (await probeValue(fork(orm), `seen-${key}-after`)) ?? undefined,
    );
    expect(poisonAttempts).toBe(3);
  });

  // Issue 13: consumers "ignore `version`".
  it("a consumer no longer ignores an event's version: it holds the partition at an event of a newer version, neither applying, parking nor skipping it", async () => {
    const topic = await createEventTopic(kafka, 1);
    const counterId = `newer-${randomUUID()}`;
    const newer = probeEvents(topic).incremented.version + 1;
    const producer = kafka.producer(producerConfig());
    await producer.connect();
    closers.push(() => producer.disconnect());
    await producer.send({
      topic,
      messages: [
        probeEnvelope(topic, counterId, 1),
        probeEnvelope(topic, counterId, 2, newer),
        probeEnvelope(topic, counterId, 3),
      ].map((e) => ({
        key: counterId,
        value: JSON.stringify(e),
      })),
    });
    const dlq = await recorder(deadLetterTopic(topic));
    await startConsumer(topic, async (event, em) => {
      await applyIncrement(em, event.data.counterId, event.data.sequence);
    });

    await eventually(
      'the event before the newer one',
      async () => (await probeValue(fork(orm), counterId)) ?? undefined,
    );
    await sleep(3_000);
    // The aggregate's later event waits behind it, and nothing was parked.
    expect((await probeValue(fork(orm), counterId))?.sequences).toEqual([1]);
    expect(dlq.on(deadLetterTopic(topic))).toEqual([]);
  });

  it('applies a fetched run of events in one transaction, and a failing event in it on its own', async () => {
    const topic = await createEventTopic(kafka, 1);
    const counterId = `run-${randomUUID()}`;
    const envelopes = Array.from({ length: 10 }, (_, i) => probeEnvelope(topic, counterId, i + 1));
    // Published before the consumer starts, in one request: its first fetch brings the whole run.
    const producer = kafka.producer(producerConfig());
    await producer.connect();
    closers.push(() => producer.disconnect());
    await producer.send({
      topic,
      messages: envelopes.map((e) => ({ key: counterId, value: JSON.stringify(e) })),
    });
    const dlq = await recorder(deadLetterTopic(topic));
    // Sequence 5 fails at the fifth place of the first run, sequence 7 at the second of the next.
    const attempts = new Map<number, number>();
    await startConsumer(topic, async (event, em) => {
      const { sequence } = event.data;
      if (sequence === 5 || sequence === 7) {
        attempts.set(sequence, (attempts.get(sequence) ?? 0) + 1);
        throw new Error(`cannot apply sequence ${sequence}`);
      }
      await applyIncrement(em, event.data.counterId, sequence);
    });

    await eventually('the events around the failing ones', async () => {
      const state = await probeValue(fork(orm), counterId);
      return state?.value === 8 ? state : undefined;
    });
    await eventually(
      'the failing events parked',
      async () => dlq.on(deadLetterTopic(topic)).length >= 2,
    );
    expect((await probeValue(fork(orm), counterId))?.sequences).toEqual([1, 2, 3, 4, 6, 8, 9, 10]);
    // Tried as often as an event on its own would be: once in the run, then until maxAttempts.
    expect(Object.fromEntries(attempts)).toEqual({ 5: 3, 7: 3 });
    expect(
      dlq.on(deadLetterTopic(topic)).map((m) => m.headers[MessageHeaders.dlqAttempts]),
    ).toEqual(['3', '3']);
    // Inbox rows written by one transaction share its id (xmin): the events before the first
    // failing one were applied together, and those after the second too.
    const rows = await fork(orm).execute<{ event_id: string; tx: string }[]>(
      'select event_id, xmin::text as tx from inbox_message where event_id = any(?::uuid[])',
      [`{${envelopes.map((e) => e.id).join(',')}}`],
    );
    const txOf = new Map(rows.map((row) => [row.event_id, row.tx]));
    const transactions = envelopes.map((e) => txOf.get(e.id) ?? null);
    expect([transactions[4], transactions[6]]).toEqual([null, null]);
    expect(new Set(transactions.slice(0, 4)).size).toBe(1);
    expect(new Set(transactions.slice(7)).size).toBe(1);
    expect(new Set([transactions[0], transactions[5], transactions[7]]).size).toBe(3);
  });

  it("claims a run's inbox entries together: a copy later in the run, an id in upper case and an event handled before are each applied once, the new ones in the run's transaction", async () => {
    const topic = await createEventTopic(kafka, 1);
    const counterId = `claims-${randomUUID()}`;
    const [first, second, handledBefore, shouted] = [1, 2, 3, 4].map((sequence) =>
      probeEnvelope(topic, counterId, sequence),
    );
    const upper = { ...shouted, id: shouted.id.toUpperCase() };
    const consumerName = `it-claims-${randomUUID()}`;
    // Handled before, as a redelivery after a crash finds it: its inbox row is there already.
    await fork(orm).transactional((em) =>
      claimInboxEntries(em, consumerName, [{ id: handledBefore.id, type: handledBefore.type }]),
    );
    const producer = kafka.producer(producerConfig());
    await producer.connect();
    closers.push(() => producer.disconnect());
    // One request before the consumer starts: its first fetch brings the whole run.
    await producer.send({
      topic,
      messages: [first, second, first, handledBefore, upper, upper].map((e) => ({
        key: counterId,
        value: JSON.stringify(e),
      })),
    });
    await startConsumer(
      topic,
      (event, em) => applyIncrement(em, event.data.counterId, event.data.sequence),
      3,
      consumerName,
    );

    await eventually('the run applied', async () => {
      const state = await probeValue(fork(orm), counterId);
      return state?.value === 3 ? state : undefined;
    });
    await sleep(500);
    expect(await probeValue(fork(orm), counterId)).toEqual({ value: 3, sequences: [1, 2, 4] });
    const rows = await fork(orm).execute<{ event_id: string; tx: string }[]>(
      'select event_id, xmin::text as tx from inbox_message where consumer = ? order by handled_at',
      [consumerName],
    );
    expect(rows.map((row) => row.event_id).sort()).toEqual(
      [first, second, handledBefore, shouted].map((e) => e.id).sort(),
    );
    // The three new entries were written by one transaction, the run's.
    const txOf = new Map(rows.map((row) => [row.event_id, row.tx]));
    expect(new Set([first, second, shouted].map((e) => txOf.get(e.id))).size).toBe(1);
  });

  it('delivers 1,000 events over 10 aggregates in per-aggregate order', async () => {
    const topic = await createEventTopic(kafka, 6);
    const run = randomUUID().slice(0, 8);
    const aggregates = Array.from({ length: 10 }, (_, i) => `order-${run}-${i}`);
    const perAggregate = 100;
    startRelay('it-order');
    await startConsumer(topic, async (event, em) => {
      await applyIncrement(em, `seen-${event.data.counterId}`, event.data.sequence);
    });
    // Ten writers at once, each announcing its aggregate's changes in sequence, as concurrent
    // requests on different aggregates would.
    await Promise.all(
      aggregates.map(async (counterId) => {
        for (let sequence = 1; sequence <= perAggregate; sequence += 1) {
          await runInCorrelationScope({ correlationId: randomUUID() }, () =>
            incrementAndAnnounce(topic, counterId, sequence),
          );
        }
      }),
    );
    const expected = Array.from({ length: perAggregate }, (_, i) => i + 1);
    await eventually(
      'all 1,000 events to be applied',
      async () => {
        const states = await Promise.all(
          aggregates.map((id) => probeValue(fork(orm), `seen-${id}`)),
        );
        return states.every((state) => state?.value === perAggregate) ? states : undefined;
      },
      120_000,
      500,
    );
    for (const id of aggregates) {
      expect((await probeValue(fork(orm), `seen-${id}`))?.sequences).toEqual(expected);
    }
  });
});
