import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import {
  GATEWAY_GROUP_PREFIX,
  GATEWAY_PRINCIPAL,
  SERVICES,
  Topics,
  deadLetterTopic,
  replyTopic,
} from '@bp/contracts';
import { CONSUMER_MAX_WAIT_MS, kafkaClientConfig } from '@bp/messaging';
import { testKafka } from './support/kafka-fixtures';
import { KAFKA_BROKERS, kafkaConnection } from './support/test-env';

jest.setTimeout(120_000);

/**
 * A client that retries what may pass (a coordinator still being elected on a fresh broker); an
 * authorization or authentication refusal is final in KafkaJS, so it is the answer at once.
 */
function client(config: ConstructorParameters<typeof Kafka>[0]): Kafka {
  return new Kafka({
    ...config,
    logLevel: logLevel.NOTHING,
    logCreator: undefined,
    connectionTimeout: 3_000,
    retry: { initialRetryTime: 100, retries: 6 },
  });
}

const as = (principal: string) =>
  client(kafkaClientConfig(`it-acl-${principal}`, kafkaConnection(principal)));

const anonymous = () => client({ clientId: 'it-anonymous', brokers: KAFKA_BROKERS });

const admin = testKafka();

async function endOffsets(topic: string): Promise<string> {
  const inspector = admin.admin();
  await inspector.connect();
  try {
    const offsets = await inspector.fetchTopicOffsets(topic);
    return offsets.map((partition) => `${partition.partition}:${partition.high}`).join(',');
  } finally {
    await inspector.disconnect();
  }
}

async function write(kafka: Kafka, topic: string): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: [{ key: randomUUID(), value: JSON.stringify({ probe: 'acl test' }) }],
    });
  } finally {
    await producer.disconnect();
  }
}

/** Joins `groupId`, subscribes to `topic` from its start and waits for the first fetch. */
async function read(kafka: Kafka, topic: string, groupId: string): Promise<void> {
  // No restarts after a crash: a refused subscription is the end of this consumer.
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS,
    retry: { initialRetryTime: 100, retries: 6, restartOnFailure: async () => false },
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.FETCH_START, () => resolve());
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
      consumer.run({ eachMessage: async () => undefined }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

const refusedForTopic = /not authorized to access topics|TOPIC_AUTHORIZATION_FAILED/i;

describe('the broker lets each app do what it needs and nothing more', () => {
  const eventTopics = Object.values(SERVICES).map((service) => service.eventTopic);

  it('refuses a client without credentials, and one with a wrong password', async () => {
    // The broker answers ApiVersions to anyone (clients ask it before signing in) and closes the
    // connection at the first request of substance.
    const withoutCredentials = anonymous().admin();
    await withoutCredentials.connect();
    await expect(withoutCredentials.listTopics()).rejects.toThrow(/Closed connection/);
    await withoutCredentials.disconnect();
    const commandsBefore = await endOffsets(Topics.rfiCommands);
    await expect(write(anonymous(), Topics.rfiCommands)).rejects.toThrow(/Closed connection/);
    expect(await endOffsets(Topics.rfiCommands)).toBe(commandsBefore);
    await expect(
      read(anonymous(), Topics.rfiEvents, `${GATEWAY_GROUP_PREFIX}${randomUUID()}`),
    ).rejects.toThrow(/Closed connection/);

    const wrongPassword = client({
      clientId: 'it-wrong-password',
      brokers: KAFKA_BROKERS,
      sasl: { mechanism: 'scram-sha-512', username: GATEWAY_PRINCIPAL, password: 'guessed' },
    }).admin();
    await expect(wrongPassword.connect()).rejects.toThrow(
      /SASL SCRAM SHA512 authentication failed/,
    );
  });

  it('lets no service write an event topic but its own, and none lands', async () => {
    for (const service of Object.values(SERVICES)) {
      for (const topic of eventTopics.filter((candidate) => candidate !== service.eventTopic)) {
        const before = await endOffsets(topic);
        await expect(write(as(service.name), topic)).rejects.toThrow(refusedForTopic);
        expect(await endOffsets(topic)).toBe(before);
      }
    }
    // The gateway writes commands only: never events, nor the replies it waits for.
    for (const topic of eventTopics)
      await expect(write(as(GATEWAY_PRINCIPAL), topic)).rejects.toThrow(refusedForTopic);
    await expect(write(as(GATEWAY_PRINCIPAL), replyTopic(Topics.rfiCommands))).rejects.toThrow(
      refusedForTopic,
    );
    // Dead-letter topics: only those of the topics a service consumes.
    await expect(
      write(as(SERVICES.deployment.name), deadLetterTopic(Topics.rfiEvents)),
    ).rejects.toThrow(refusedForTopic);
    await expect(
      write(as(SERVICES.knowledgeExchange.name), deadLetterTopic(Topics.deploymentEvents)),
    ).rejects.toThrow(refusedForTopic);
  });

  it("lets only the gateway write commands: a service cannot send another one's", async () => {
    const before = await endOffsets(Topics.deploymentCommands);
    await expect(write(as(SERVICES.rfi.name), Topics.deploymentCommands)).rejects.toThrow(
      refusedForTopic,
    );
    await expect(write(as(SERVICES.deployment.name), Topics.deploymentCommands)).rejects.toThrow(
      refusedForTopic,
    );
    expect(await endOffsets(Topics.deploymentCommands)).toBe(before);
  });

  it('keeps the gateway off the event topics: of them it reads only the notifications it streams', async () => {
    for (const topic of [Topics.rfiEvents, Topics.deploymentEvents, Topics.knowledgeExchangeEvents])
      await expect(
        read(as(GATEWAY_PRINCIPAL), topic, `${GATEWAY_GROUP_PREFIX}${randomUUID()}`),
      ).rejects.toThrow(refusedForTopic);
    await expect(
      read(
        as(GATEWAY_PRINCIPAL),
        Topics.notificationEvents,
        `${GATEWAY_GROUP_PREFIX}it-${randomUUID()}`,
      ),
    ).resolves.toBeUndefined();
  });

  it('lets a service read what it consumes, answer on its own reply topic, and use only its own consumer groups', async () => {
    await expect(
      read(
        as(SERVICES.rfi.name),
        Topics.deploymentEvents,
        `${SERVICES.rfi.name}.it-${randomUUID()}`,
      ),
    ).resolves.toBeUndefined();
    await expect(
      read(
        as(SERVICES.deployment.name),
        Topics.rfiEvents,
        `${SERVICES.deployment.name}.it-${randomUUID()}`,
      ),
    ).rejects.toThrow(refusedForTopic);
    // A reply nobody waits for: every gateway reads it and drops an unknown correlation id.
    await expect(
      write(as(SERVICES.deployment.name), replyTopic(Topics.deploymentCommands)),
    ).resolves.toBeUndefined();
    await expect(
      write(as(SERVICES.deployment.name), replyTopic(Topics.rfiCommands)),
    ).rejects.toThrow(refusedForTopic);
    // Its own group works (above); another service's is refused. KafkaJS reports the broker's
    // GROUP_AUTHORIZATION_FAILED on finding the coordinator as "Failed to find group coordinator".
    await expect(
      read(
        as(SERVICES.deployment.name),
        Topics.deploymentCommands,
        `${SERVICES.deployment.name}.it-${randomUUID()}`,
      ),
    ).resolves.toBeUndefined();
    await expect(
      read(as(SERVICES.deployment.name), Topics.deploymentCommands, SERVICES.rfi.name),
    ).rejects.toThrow(/GROUP_AUTHORIZATION_FAILED|Failed to find group coordinator/i);
    // Nor a gateway's: it cannot take a gateway instance's replies or its live stream.
    await expect(
      read(
        as(SERVICES.deployment.name),
        Topics.deploymentCommands,
        `${GATEWAY_GROUP_PREFIX}${randomUUID()}`,
      ),
    ).rejects.toThrow(/GROUP_AUTHORIZATION_FAILED|Failed to find group coordinator/i);
  });
});
