// KafkaJS 2.2.4 is the last release; infra/patches/kafkajs+2.2.4.patch (applied by `npm ci`
// through patch-package) stops its request queue from re-arming a 1 ms timer forever once a
// connection has nothing pending (tulios/kafkajs#1556). Without it every broker connection of every
// app runs a busy loop of timers: about 40 ms of CPU per second per idle app (test/bench/RESULTS.md).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
};

const quietLogger = { debug: () => undefined, warn: () => undefined, error: () => undefined };

function queue() {
  return new RequestQueue({
    instrumentationEmitter: null,
    maxInFlightRequests: 1,
    requestTimeout: 1_000,
    enforceRequestTimeout: true,
    clientId: 'patch-check',
    broker: '127.0.0.1:0',
    logger: quietLogger,
  });
}

describe('the patched KafkaJS request queue', () => {
  it('schedules no check when nothing is pending', () => {
    const idle = queue();
    idle.checkPendingRequests();
    const scheduled = idle.throttleCheckTimeoutId;
    // Unpatched, that timer would re-arm itself for ever and keep the test process alive.
    if (scheduled) clearTimeout(scheduled);
    expect(scheduled).toBeNull();
  });

  it('still schedules one for a request held back by throttling', () => {
    const throttled = queue();
    throttled.throttledUntil = Date.now() + 60_000;
    throttled.pending.push({});
    throttled.checkPendingRequests();
    expect(throttled.throttleCheckTimeoutId).not.toBeNull();
    clearTimeout(throttled.throttleCheckTimeoutId!);
  });
});

// The same patch keeps a connection that breaks during SCRAM authentication (a broker restarting)
// a retriable connection error. KafkaJS wrapped it in a non-retriable authentication error, and a
// consumer that crashes on one is not restarted: the chaos run lost an event consumer that way on
// every kill -9 of the broker.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SCRAM, DIGESTS } = require('kafkajs/src/broker/saslAuthenticator/scram') as {
  SCRAM: new (...args: unknown[]) => { authenticate(): Promise<void> };
  DIGESTS: Record<string, unknown>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KafkaJSConnectionError } = require('kafkajs/src/errors') as {
  KafkaJSConnectionError: new (message: string) => Error & { retriable: boolean };
};

function scramFailingWith(error: Error) {
  return new SCRAM(
    { username: 'rfi-service', password: 'secret' },
    '127.0.0.1',
    19092,
    quietLogger,
    () => Promise.reject(error),
    DIGESTS.SHA512,
  );
}

describe('the patched KafkaJS SCRAM authentication', () => {
  it('lets a connection broken during the exchange through as the retriable error it is', async () => {
    const broken = new KafkaJSConnectionError('Connection error: read ECONNRESET');
    await expect(scramFailingWith(broken).authenticate()).rejects.toBe(broken);
    expect(broken.retriable).toBe(true);
  });

  it('still reports a refusal as a failed authentication, which is not retried', async () => {
    await expect(
      scramFailingWith(new Error('Invalid server signature')).authenticate(),
    ).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError', retriable: false });
  });
});

// And a send to several partitions keeps what was written per partition, not per broker: after a
// broker failover moved a failed partition to a broker that had answered the first attempt, the
// retry skipped that broker and the send resolved without the partition's messages (an
// acknowledged event missing from its topic, found by `npm run chaos -- --cluster`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sendMessages = require('kafkajs/src/producer/sendMessages') as (
  options: object,
) => (request: object) => Promise<{ topicName: string; partition: number }[]>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createErrorFromCode } = require('kafkajs/src/protocol/error') as {
  createErrorFromCode(code: number): Error;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createRetry = require('kafkajs/src/retry') as (options: object) => unknown;

describe('the patched KafkaJS send across partitions', () => {
  it('sends a failed partition again to its new leader, even one that answered before', async () => {
    const NOT_LEADER = 6;
    const leaders: Record<number, number> = { 0: 1, 1: 2 };
    const produced: Record<number, number[][]> = { 1: [], 2: [] };
    const broker = (nodeId: number) => ({
      nodeId,
      produce: async ({ topicData }: { topicData: { partitions: { partition: number }[] }[] }) => {
        const partitions = topicData.flatMap((t) => t.partitions.map((p) => p.partition));
        produced[nodeId]!.push(partitions);
        // Node 2 has lost the leadership of partition 1 by the time the first request arrives.
        if (nodeId === 2) {
          leaders[1] = 1;
          throw createErrorFromCode(NOT_LEADER);
        }
        return {
          topics: [
            {
              topicName: 't',
              partitions: partitions.map((partition) => ({
                partition,
                errorCode: 0,
                baseOffset: '0',
              })),
            },
          ],
        };
      },
    });
    const brokers = { 1: broker(1), 2: broker(2) };
    const cluster = {
      refreshMetadataIfNecessary: async () => undefined,
      refreshMetadata: async () => undefined,
      addMultipleTargetTopics: async () => undefined,
      isConnected: () => true,
      findTopicPartitionMetadata: () => [
        { partitionId: 0, leader: leaders[0] },
        { partitionId: 1, leader: leaders[1] },
      ],
      findLeaderForPartitions: (_: string, partitions: string[]) => {
        const byLeader: Record<number, number[]> = {};
        for (const p of partitions.map(Number)) (byLeader[leaders[p]!] ??= []).push(p);
        return byLeader;
      },
      findBroker: async ({ nodeId }: { nodeId: number }) => brokers[nodeId as 1 | 2],
    };
    const eosManager = {
      isTransactional: () => false,
      acquireBrokerLock: async () => undefined,
      releaseBrokerLock: async () => undefined,
      getSequence: () => 0,
      updateSequence: () => undefined,
      getProducerId: () => -1,
      getProducerEpoch: () => 0,
    };
    const send = sendMessages({
      logger: quietLogger,
      cluster,
      partitioner: ({ message }: { message: { partition: number } }) => message.partition,
      eosManager,
      retrier: createRetry({ retries: 3, initialRetryTime: 1 }),
    });
    const written = await send({
      acks: -1,
      topicMessages: [
        {
          topic: 't',
          messages: [
            { partition: 0, value: 'a' },
            { partition: 1, value: 'b' },
          ],
        },
      ],
    });
    // Node 1 took partition 0 first, then partition 1 on the retry; both are in the answer.
    expect(produced[1]).toEqual([[0], [1]]);
    expect(written.map((w) => w.partition).sort()).toEqual([0, 1]);
  });
});
