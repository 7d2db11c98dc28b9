import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { Kafka, Producer } from 'kafkajs';
import { EventEnvelope, MessageHeaders, deadLetterTopic } from '@bp/contracts';
import { EventHandler, producerConfig } from '@bp/messaging';
import {
  TopicRecorder,
  caughtUp,
  createEventTopic,
  testKafka,
} from '../../../test/support/kafka-fixtures';
import { createMessagingTestDatabase, fork } from '../../../test/support/database-fixtures';
import { deadLetterTool, linesOf } from '../../../test/support/dead-letter-tool';
import { eventually } from '../../../test/support/test-env';
import {
  ProbeIncremented,
  applyIncrement,
  createProbeTable,
  probeEnvelope,
  probeValue,
  probeConsumer,
} from './probe-fixture';

jest.setTimeout(240_000);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Issue 13, "A dead-letter tool": `npm run dlq -- list|show|replay`, run as an operator runs it,
 * against events parked by real consumers on the real broker, with their inboxes in PostgreSQL.
 */
describe('the dead-letter tool: list, show and replay dead letters through the inbox (real Kafka, real PostgreSQL)', () => {
  let orm: MikroORM;
  let kafka: Kafka;
  let producer: Producer;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    orm = (await createMessagingTestDatabase('bp_dead_letter_tool_it')).orm;
    await createProbeTable(fork(orm));
    kafka = testKafka();
    producer = kafka.producer(producerConfig());
    await producer.connect();
  });

  afterEach(async () => {
    while (closers.length) await closers.pop()!();
  });

  afterAll(async () => {
    await producer.disconnect();
    await orm.close(true);
  });

  /** A consumer as a service runs one: its own group and inbox key, two attempts before the DLQ. */
  async function startConsumer(
    consumerName: string,
    topic: string,
    handler: EventHandler<ProbeIncremented>,
  ): Promise<void> {
    const consumer = probeConsumer(orm, topic, handler, {
      consumerName,
      maxAttempts: 2,
      retryBackoffMs: 20,
    });
    closers.push(() => consumer.stop());
    await consumer.start();
  }

  /** The consumer's effect: a counter per consumer and aggregate, so each one's count is its own. */
  const countFor = (consumer: string, counterId: string) => `${consumer}:${counterId}`;
  const effectOf = async (consumer: string, counterId: string) =>
    probeValue(fork(orm), countFor(consumer, counterId));
  /** For `eventually`: the effect once there is one. */
  const effectSeen = (consumer: string, counterId: string) => async () =>
    (await effectOf(consumer, counterId)) ?? undefined;

  async function publish(topic: string, event: EventEnvelope<ProbeIncremented> | string) {
    const key = typeof event === 'string' ? randomUUID() : event.subject;
    const value = typeof event === 'string' ? event : JSON.stringify(event);
    const [sent] = await producer.send({ topic, messages: [{ key, value }] });
    return { partition: sent!.partition, offset: sent!.baseOffset!, key, value };
  }

  async function recorder(...topics: string[]): Promise<TopicRecorder> {
    const r = await new TopicRecorder(kafka).start(...topics);
    closers.push(() => r.stop());
    return r;
  }

  async function inboxRows(eventId: string): Promise<string[]> {
    const rows = await fork(orm).execute<{ consumer: string }[]>(
      'select consumer from inbox_message where event_id = ? order by consumer',
      [eventId],
    );
    return rows.map((row) => row.consumer);
  }

  it('lists a parked event without its data, shows it in full, and a replay after the fix applies it once, and never again for a consumer that applied it', async () => {
    const topic = await createEventTopic(kafka, 3);
    const dlq = deadLetterTopic(topic);
    const run = randomUUID().slice(0, 8);
    const failing = `it-dlq-failing-${run}`;
    const healthy = `it-dlq-healthy-${run}`;
    let causeFixed = false;
    await startConsumer(failing, topic, async (event, em) => {
      if (!causeFixed) throw new Error('the cause is not fixed yet');
      await applyIncrement(em, countFor(failing, event.data.counterId), event.data.sequence);
    });
    await startConsumer(healthy, topic, async (event, em) => {
      await applyIncrement(em, countFor(healthy, event.data.counterId), event.data.sequence);
    });
    const parked = await recorder(dlq);
    // The aggregate's id and data stand for what a listing must not show.
    const secret = `personal-${randomUUID()}`;
    const event = probeEnvelope(topic, secret, 4242);
    const original = await publish(topic, event);

    await eventually('the event parked', async () => parked.on(dlq).length >= 1);
    await eventually('the event applied by the healthy consumer', effectSeen(healthy, secret));
    expect(await effectOf(failing, secret)).toBeNull();

    const listed = await deadLetterTool('list', '--topic', topic);
    expect(listed.status).toBe(0);
    expect(linesOf(listed)).toHaveLength(1);
    expect(linesOf(listed)[0]).toMatch(
      new RegExp(
        `^${escape(dlq)}@0 from=${escape(topic)}\\[${original.partition}\\]@${original.offset} ` +
          `consumer=${failing} type=probe\\.incremented event=${event.id} failed-at=\\S+Z ` +
          `attempts=2 replayed=no error="Error: the cause is not fixed yet"$`,
      ),
    );
    expect(listed.stdout).not.toContain(secret);
    expect(listed.stdout).not.toContain('4242');
    expect(linesOf(await deadLetterTool('list', '--topic', dlq, '--consumer', healthy))).toEqual(
      [],
    );

    const shown = await deadLetterTool('show', dlq, '0');
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain(`  ${MessageHeaders.dlqConsumer}: ${failing}`);
    expect(shown.stdout).toContain(`  ${MessageHeaders.dlqOriginalTopic}: ${topic}`);
    expect(shown.stdout).toContain(`  ${MessageHeaders.dlqError}: Error: the cause is not fixed`);
    expect(shown.stdout).toContain(`"counterId": "${secret}"`);
    expect(shown.stdout).toContain('"sequence": 4242');

    causeFixed = true;
    const replayed = await recorder(topic);
    const replay = await deadLetterTool('replay', dlq, '0');
    expect(replay.stderr).toBe('');
    expect(replay.status).toBe(0);
    expect(replay.stdout).toContain(
      `replayed ${dlq}@0 (probe.incremented ${event.id}) to ${topic}[${original.partition}]@`,
    );
    await eventually('the replay applied by the consumer that failed', effectSeen(failing, secret));

    // Once noted, a second replay is refused; forced, the inbox still applies it once.
    const again = await deadLetterTool('replay', dlq, '0');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already replayed');
    const forced = await deadLetterTool('replay', dlq, '0', '--force');
    expect(forced.status).toBe(0);

    await caughtUp(kafka, failing, topic);
    await caughtUp(kafka, healthy, topic);
    expect(await effectOf(failing, secret)).toEqual({ value: 1, sequences: [4242] });
    expect(await effectOf(healthy, secret)).toEqual({ value: 1, sequences: [4242] });
    expect(await inboxRows(event.id)).toEqual([failing, healthy].sort());
    // What went out again is the published record, to its partition, saying what it replays.
    const copies = replayed
      .on(topic)
      .filter((message) => message.headers[MessageHeaders.dlqReplayOf] === `${dlq}@0`);
    expect(copies).toHaveLength(2);
    for (const copy of copies)
      expect([copy.partition, copy.key, copy.value]).toEqual([
        original.partition,
        original.key,
        original.value,
      ]);
    const relisted = linesOf(await deadLetterTool('list', '--topic', dlq));
    expect(relisted).toHaveLength(1);
    expect(relisted[0]).toMatch(/ replayed=\S+>\S+,\S+>\S+ /);
  });

  it('replays every dead letter of a topic with --all, once per event however many consumers parked it', async () => {
    const topic = await createEventTopic(kafka, 1);
    const dlq = deadLetterTopic(topic);
    const run = randomUUID().slice(0, 8);
    const consumers = [`it-dlq-first-${run}`, `it-dlq-second-${run}`];
    let causeFixed = false;
    for (const name of consumers)
      await startConsumer(name, topic, async (event, em) => {
        if (!causeFixed) throw new Error('the cause is not fixed yet');
        await applyIncrement(em, countFor(name, event.data.counterId), event.data.sequence);
      });
    const parked = await recorder(dlq);
    const counters = [`all-${randomUUID()}`, `all-${randomUUID()}`];
    for (const counterId of counters) await publish(topic, probeEnvelope(topic, counterId, 1));
    await eventually('each event parked by both consumers', async () => parked.on(dlq).length >= 4);

    causeFixed = true;
    const replay = await deadLetterTool('replay', '--all', '--topic', topic);
    expect(replay.status).toBe(0);
    expect(linesOf(replay)).toHaveLength(2);
    expect(replay.stderr).toContain('2 replayed (0 without a note), 0 already replayed, 0 refused');
    for (const name of consumers) await caughtUp(kafka, name, topic);
    for (const name of consumers)
      for (const counterId of counters)
        expect(await effectOf(name, counterId)).toEqual({ value: 1, sequences: [1] });

    const again = await deadLetterTool(
      'replay',
      '--all',
      '--topic',
      dlq,
      '--consumer',
      consumers[0]!,
    );
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('0 replayed (0 without a note), 2 already replayed, 0 refused');
    const listed = linesOf(await deadLetterTool('list', '--topic', topic));
    expect(listed).toHaveLength(4);
    expect(listed.filter((line) => line.includes(' replayed=no '))).toEqual([]);
  });

  it('refuses to replay what no inbox could deduplicate, and a dead letter that is not a copy of what was published', async () => {
    const topic = await createEventTopic(kafka, 1);
    const dlq = deadLetterTopic(topic);
    const consumer = `it-dlq-strict-${randomUUID().slice(0, 8)}`;
    await startConsumer(consumer, topic, async (event, em) => {
      await applyIncrement(em, countFor(consumer, event.data.counterId), event.data.sequence);
    });
    const parked = await recorder(dlq);
    const malformed = await publish(topic, 'this is not json');
    await eventually('the malformed message parked', async () => parked.on(dlq).length >= 1);

    // Consumers may write their topic's dead-letter topic (ACLs); one that writes a dead letter of
    // its own making must not get the admin to publish it on a topic it may not write.
    const forged = probeEnvelope(topic, `forged-${randomUUID()}`, 1);
    const origin = (offset: string, from = topic) => ({
      [MessageHeaders.dlqConsumer]: consumer,
      [MessageHeaders.dlqError]: 'Error: forged',
      [MessageHeaders.dlqOriginalTopic]: from,
      [MessageHeaders.dlqOriginalPartition]: '0',
      [MessageHeaders.dlqOriginalOffset]: offset,
    });
    await producer.send({
      topic: dlq,
      messages: [
        { key: malformed.key, value: JSON.stringify(forged), headers: origin(malformed.offset) },
        { key: malformed.key, value: JSON.stringify(forged), headers: origin('999') },
        {
          key: malformed.key,
          value: JSON.stringify(forged),
          headers: origin('0', 'bp.rfi.events'),
        },
      ],
    });
    const ends = async () => JSON.stringify(await endOffsets(topic));
    const before = await ends();

    const listed = linesOf(await deadLetterTool('list', '--topic', dlq));
    expect(listed[0]).toContain(`consumer=${consumer} type=- event=-`);
    expect(listed[0]).toContain('error="Error: Message value is not JSON"');
    const refusals = [
      ['0', 'not a valid event envelope'],
      ['1', `differs from ${topic}[0]@${malformed.offset}`],
      ['2', `${topic}[0]@999, which it says it copies, was never written`],
      ['3', 'it says it came from bp.rfi.events'],
    ];
    for (const [offset, reason] of refusals) {
      const replay = await deadLetterTool('replay', dlq, offset!);
      expect([replay.status, replay.stderr]).toEqual([1, expect.stringContaining(reason!)]);
    }
    expect((await deadLetterTool('replay', dlq, '9')).stderr).toContain(
      `No dead letter at ${dlq}@9`,
    );
    expect(await ends()).toBe(before);
    expect(await effectOf(consumer, forged.subject)).toBeNull();
  });

  it("replays the dead letter's own copy only when asked to, once the original is gone", async () => {
    const topic = await createEventTopic(kafka, 1);
    const dlq = deadLetterTopic(topic);
    const consumer = `it-dlq-retention-${randomUUID().slice(0, 8)}`;
    let causeFixed = false;
    await startConsumer(consumer, topic, async (event, em) => {
      if (!causeFixed) throw new Error('the cause is not fixed yet');
      await applyIncrement(em, countFor(consumer, event.data.counterId), event.data.sequence);
    });
    const parked = await recorder(dlq);
    const event = probeEnvelope(topic, `gone-${randomUUID()}`, 7);
    const original = await publish(topic, event);
    await eventually('the event parked', async () => parked.on(dlq).length >= 1);
    causeFixed = true;
    // What retention does to an old segment, at once: the original is no longer there.
    const admin = kafka.admin();
    await admin.connect();
    try {
      // KafkaJS finds the partition's leader only in metadata it has already loaded.
      await admin.fetchTopicMetadata({ topics: [topic] });
      await admin.deleteTopicRecords({
        topic,
        partitions: [{ partition: 0, offset: String(BigInt(original.offset) + 1n) }],
      });
    } finally {
      await admin.disconnect();
    }

    const refused = await deadLetterTool('replay', dlq, '0');
    expect([refused.status, refused.stderr]).toEqual([
      1,
      expect.stringContaining('is gone (retention)'),
    ]);
    const replayed = await recorder(topic);
    const unverified = await deadLetterTool('replay', dlq, '0', '--unverified');
    expect(unverified.status).toBe(0);
    expect(unverified.stderr).toContain("the dead letter's own copy");
    await eventually('the replay applied', effectSeen(consumer, event.subject));
    await caughtUp(kafka, consumer, topic);
    expect(await effectOf(consumer, event.subject)).toEqual({ value: 1, sequences: [7] });
    // As it was published: the consumer's x-dlq-* headers are not sent on, only what it replays.
    const [copy] = replayed.on(topic);
    expect(copy!.value).toBe(original.value);
    expect(Object.keys(copy!.headers).filter((name) => name.startsWith('x-dlq-'))).toEqual([
      MessageHeaders.dlqReplayOf,
    ]);
  });

  async function endOffsets(topic: string) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await admin.fetchTopicOffsets(topic);
    } finally {
      await admin.disconnect();
    }
  }
});
