import { randomUUID } from 'node:crypto';
import { Admin, Kafka } from 'kafkajs';
import { KafkaHeaders } from '@nestjs/microservices';
import { CommandServer, kafkaClientConfig, producerConfig } from '@bp/messaging';
import { TopicRecorder, testKafka } from '../../../test/support/kafka-fixtures';
import { eventually, kafkaConnection, sleep } from '../../../test/support/test-env';

jest.setTimeout(120_000);

/**
 * NestJS's server for a command topic, as a service runs it, answering with a count of its calls;
 * quick to give up on a send so that a reply that cannot leave shows within the test.
 */
function startServer(
  topic: string,
  groupId: string,
  calls: { n: number },
  replyPatienceMs?: number,
): Promise<CommandServer> {
  const server = new CommandServer(
    {
      client: {
        ...kafkaClientConfig(`it-${groupId}`, kafkaConnection()),
        retry: { initialRetryTime: 100, retries: 2, maxRetryTime: 300 },
      },
      consumer: { groupId, allowAutoTopicCreation: false },
      producer: producerConfig(),
      run: { autoCommit: false },
      subscribe: { fromBeginning: true },
    },
    replyPatienceMs,
  );
  server.addHandler(
    topic,
    async (data: { size?: number } | undefined) => ({
      ok: true,
      call: ++calls.n,
      filler: 'x'.repeat(data?.size ?? 0),
    }),
    false,
  );
  return new Promise((resolve, reject) =>
    server.listen((error?: unknown) => (error ? reject(error) : resolve(server))),
  );
}

/** NestJS names the group of a server `<groupId>-server`. */
async function committedOffset(admin: Admin, groupId: string, topic: string): Promise<string> {
  const [offsets] = await admin.fetchOffsets({ groupId: `${groupId}-server`, topics: [topic] });
  return offsets!.partitions[0]!.offset;
}

describe('a command reply sent without being awaited while the offset is committed (real Kafka)', () => {
  let kafka: Kafka;
  let admin: Admin;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    kafka = testKafka();
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    while (closers.length) await closers.pop()!();
    await admin.disconnect();
  });

  async function commandTopic(): Promise<string> {
    const topic = `it.${randomUUID().slice(0, 8)}.commands`;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    });
    return topic;
  }

  async function sendCommand(
    topic: string,
    replyTopic: string,
    data: object = {},
  ): Promise<string> {
    const producer = kafka.producer(producerConfig());
    await producer.connect();
    const correlationId = randomUUID();
    await producer.send({
      topic,
      messages: [
        {
          value: JSON.stringify(data),
          headers: {
            [KafkaHeaders.CORRELATION_ID]: correlationId,
            [KafkaHeaders.REPLY_TOPIC]: replyTopic,
            [KafkaHeaders.REPLY_PARTITION]: '0',
          },
        },
      ],
    });
    await producer.disconnect();
    return correlationId;
  }

  it('keeps the command uncommitted until its reply is on the broker, sending the reply again until it can leave', async () => {
    const topic = await commandTopic();
    const replyTopic = `${topic}.reply`;
    const groupId = `it-commands-${randomUUID().slice(0, 8)}`;
    const calls = { n: 0 };
    const server = await startServer(topic, groupId, calls);
    closers.push(() => server.close());
    const correlationId = await sendCommand(topic, replyTopic);

    // The reply topic does not exist yet: the reply cannot leave, and the offset must wait for it.
    await eventually('the command handled', async () => calls.n >= 1, 60_000);
    await sleep(3_000);
    expect(await committedOffset(admin, groupId, topic)).toBe('-1');

    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: replyTopic, numPartitions: 1, replicationFactor: 1 }],
    });
    const replies = await new TopicRecorder(kafka).start(replyTopic);
    closers.push(() => replies.stop());
    await eventually('the reply', async () => replies.on(replyTopic).length > 0, 60_000);
    const [reply] = replies.on(replyTopic);
    expect(JSON.parse(reply!.value!)).toEqual({ ok: true, call: 1, filler: '' });
    expect(reply!.headers[KafkaHeaders.CORRELATION_ID]).toBe(correlationId);
    await eventually(
      'the command committed',
      async () => (await committedOffset(admin, groupId, topic)) === '1',
    );
    expect(calls.n).toBe(1);
  });

  it('gives a reply up once no caller can be waiting for it, so one lost reply does not hold the commands behind it', async () => {
    const topic = await commandTopic();
    const groupId = `it-commands-${randomUUID().slice(0, 8)}`;
    const calls = { n: 0 };
    const server = await startServer(topic, groupId, calls, 2_000);
    closers.push(() => server.close());
    await sendCommand(topic, `${topic}.nowhere`);
    await sendCommand(topic, `${topic}.nowhere`);

    await eventually(
      'both commands committed',
      async () => (await committedOffset(admin, groupId, topic)) === '2',
      60_000,
    );
    expect(calls.n).toBe(2);
  });

  it('answers a reply the broker refuses (too large) with a problem at once, instead of holding the partition', async () => {
    const topic = await commandTopic();
    const replyTopic = `${topic}.reply`;
    // A reply topic that takes records of 100 kB at most: what a broker's limit does to a reply.
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: replyTopic,
          numPartitions: 1,
          replicationFactor: 1,
          configEntries: [{ name: 'max.message.bytes', value: '100000' }],
        },
      ],
    });
    const groupId = `it-commands-${randomUUID().slice(0, 8)}`;
    const calls = { n: 0 };
    const server = await startServer(topic, groupId, calls);
    closers.push(() => server.close());
    const replies = await new TopicRecorder(kafka).start(replyTopic);
    closers.push(() => replies.stop());

    const correlationId = await sendCommand(topic, replyTopic, { size: 300_000 });

    await eventually('the problem reply', async () => replies.on(replyTopic).length > 0, 30_000);
    const [reply] = replies.on(replyTopic);
    expect(JSON.parse(reply!.value!)).toMatchObject({ ok: false, problem: { status: 500 } });
    expect(reply!.headers[KafkaHeaders.CORRELATION_ID]).toBe(correlationId);
    await eventually(
      'the command committed',
      async () => (await committedOffset(admin, groupId, topic)) === '1',
    );
  });
});
