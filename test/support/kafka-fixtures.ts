import { randomUUID } from 'node:crypto';
import { Consumer, IHeaders, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { DeploymentEvents, deadLetterTopic } from '@bp/contracts';
import { CONSUMER_MAX_WAIT_MS, kafkaClientConfig } from '@bp/messaging';
import { kafkaConnection } from './test-env';

/** A client of the test broker, as the admin principal unless another is named. */
export function testKafka(clientId = `it-${randomUUID().slice(0, 8)}`, principal = 'admin'): Kafka {
  return new Kafka({
    ...kafkaClientConfig(clientId, kafkaConnection(principal)),
    logLevel: logLevel.NOTHING,
    logCreator: undefined,
    retry: { retries: 10 },
  });
}

/** A fresh event topic and its dead-letter topic, so tests never see each other's messages. */
export async function createEventTopic(kafka: Kafka, partitions = 6): Promise<string> {
  const topic = `it.${randomUUID().slice(0, 8)}.events`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic, numPartitions: partitions, replicationFactor: 1 },
      { topic: deadLetterTopic(topic), numPartitions: 1, replicationFactor: 1 },
    ],
  });
  await admin.disconnect();
  return topic;
}

export interface ReceivedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([k, v]) => [k, v?.toString() ?? '']),
  );
}

/** How many records a topic holds now, over all its partitions (nothing has expired in a test). */
export async function recordCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, { low, high }) => sum + Number(high) - Number(low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Reads topics from the beginning in a group of its own and keeps every message it sees. */
export class TopicRecorder {
  readonly messages: ReceivedMessage[] = [];
  private consumer?: Consumer;

  constructor(private readonly kafka: Kafka) {}

  async start(...topics: string[]): Promise<this> {
    this.consumer = this.kafka.consumer({
      groupId: `it-recorder-${randomUUID()}`,
      // Stopping waits for the fetch in flight: as the apps' consumers do, not KafkaJS's 5 s.
      maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({
        topic,
        partition,
        message,
      }: {
        topic: string;
        partition: number;
        message: KafkaMessage;
      }) => {
        this.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: headersOf(message.headers),
        });
      },
    });
    return this;
  }

  on(topic: string): ReceivedMessage[] {
    return this.messages.filter((message) => message.topic === topic);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

/** Waits until a consumer group has committed every message of a topic that is there now. */
export async function caughtUp(kafka: Kafka, groupId: string, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const behind = ends.filter((end) => {
        const done = committed?.partitions.find((p) => p.partition === end.partition);
        return BigInt(done?.offset === '-1' || !done ? '0' : done.offset) < BigInt(end.high);
      });
      if (!behind.length) return;
      if (Date.now() > deadline)
        throw new Error(`${groupId} is still behind on ${topic}: ${JSON.stringify(behind)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await admin.disconnect();
  }
}

/** A deployment event as the deployment-service writes it; `data` overrides fields (or spoils them). */
export function deploymentEvent(deploymentId: string, data: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    type: DeploymentEvents.proposed.type,
    version: 1,
    source: 'deployment-service',
    subject: deploymentId,
    subjectVersion: 1,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    actor: null,
    data: {
      deploymentId,
      officerId: randomUUID(),
      sendingParty: 'PAK',
      hostParty: 'SRB',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      status: 'PROPOSED',
      endReason: null,
      ...data,
    },
  };
}
