// The floor of a command's route: the bare server's insert behind a Kafka request/reply and
// nothing else. A front process (Fastify) sends each request to a topic and answers when the reply
// comes back; an echo process consumes the requests, inserts the bare server's row and sends the
// reply. No authentication, validation, idempotency, history, outbox or event consumers: what the
// project's paths cost above this is the project's, what this costs above bare is the transport's.
// Shaped like the apps' route: six request partitions consumed four at a time, each in order, one
// reply partition, one producer request in flight; it is a little kinder in that the echo sends
// a fetched batch's replies together, and it signs in as the broker's admin.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { clearTimeout, setImmediate, setTimeout } from 'node:timers';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { exitOnStop, forkReady } from './child.mjs';

const REQUESTS = { topic: 'bp.bench.floor-commands', numPartitions: 6 };
const REPLIES = { topic: 'bp.bench.floor-replies', numPartitions: 1 };
/** As the apps' command servers (command-server-options.ts). */
const PARTITIONS_AT_ONCE = 4;
/** A request with no reply by then is answered 504, as the gateway would. */
const REPLY_TIMEOUT_MS = 10_000;
const { Kafka, logLevel } = kafkajs;

/** Creates the two topics when missing, as the broker's admin (`client`: kafkaClient()). */
async function prepareFloorTopics(client, replicationFactor) {
  const admin = new Kafka({ ...client, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = [REQUESTS, REPLIES]
      .filter(({ topic }) => !existing.has(topic))
      .map((topic) => ({ ...topic, replicationFactor }));
    if (topics.length) await admin.createTopics({ topics, waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Starts the echo, then the front, as child processes; resolves once the front listens. `client`
 * is a KafkaJS client config with credentials; `replicationFactor` that of the system's topics.
 */
export async function startKafkaFloor({ client, replicationFactor, databaseUrl, port, poolSize }) {
  await prepareFloorTopics(client, replicationFactor);
  const env = {
    FLOOR_KAFKA: JSON.stringify(client),
    FLOOR_DATABASE_URL: databaseUrl,
    FLOOR_PORT: String(port),
    FLOOR_POOL: String(poolSize),
    // A group of this run's own: nothing an earlier run left on the topic is applied again.
    FLOOR_RUN: randomUUID(),
  };
  const file = fileURLToPath(import.meta.url);
  const echo = await forkReady(file, { args: ['echo'], env, name: 'kafka floor echo' });
  let front;
  try {
    front = await forkReady(file, { args: ['front'], env, name: 'kafka floor front' });
  } catch (error) {
    await echo.stop();
    throw error;
  }
  return {
    pids: { 'kafka floor front': front.pid, 'kafka floor echo': echo.pid },
    // The front first: its requests in flight end before the echo that answers them goes.
    stop: async () => {
      await front.stop();
      await echo.stop();
    },
  };
}

/** Sends of one turn of the event loop leave in one produce request, and the next while that one is in flight. */
function batchingSender(producer, topic) {
  let waiting = [];
  let flushing = false;
  async function flush() {
    while (waiting.length) {
      const batch = waiting;
      waiting = [];
      try {
        await producer.send({ topic, acks: -1, messages: batch.map((w) => w.message) });
        batch.forEach((w) => w.resolve());
      } catch (error) {
        batch.forEach((w) => w.reject(error));
      }
    }
    flushing = false;
  }
  return (message) =>
    new Promise((resolve, reject) => {
      waiting.push({ message, resolve, reject });
      if (!flushing) {
        flushing = true;
        setImmediate(flush);
      }
    });
}

/**
 * A new group starts at the end of its topic once its first fetch has found it: a reply sent
 * before that would be missed, so neither side says it is ready before then.
 */
function firstFetch(consumer) {
  return new Promise((resolve) => {
    const off = consumer.on(consumer.events.FETCH, () => {
      off();
      resolve();
    });
  });
}

function kafka(role) {
  return new Kafka({
    ...JSON.parse(process.env.FLOOR_KAFKA),
    clientId: `bench-floor-${role}`,
    logLevel: logLevel.ERROR,
  });
}

function producerOf(client) {
  return client.producer({ allowAutoTopicCreation: false, maxInFlightRequests: 1 });
}

/** A group that commits nothing: it goes away with the process. */
async function consumerOf(client, group, topic) {
  const consumer = client.consumer({ groupId: group, maxWaitTimeInMs: 1_000 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  return consumer;
}

/** Consumes the requests, each partition in order; inserts the rows, then sends the replies. */
async function echo() {
  const pool = new pg.Pool({
    connectionString: process.env.FLOOR_DATABASE_URL,
    max: Number(process.env.FLOOR_POOL ?? 10),
  });
  const client = kafka('echo');
  const producer = producerOf(client);
  await producer.connect();
  const reply = batchingSender(producer, REPLIES.topic);
  const consumer = await consumerOf(
    client,
    `bench-floor-echo-${process.env.FLOOR_RUN}`,
    REQUESTS.topic,
  );
  const ready = firstFetch(consumer);
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
    eachBatch: async ({ batch }) => {
      const replies = [];
      for (const message of batch.messages) {
        const body = JSON.parse(message.value.toString());
        const { rows } = await pool.query(
          'insert into bench_row (title, payload) values ($1, $2) returning id, created_at',
          [String(body.title ?? ''), JSON.stringify(body)],
        );
        replies.push(
          reply({
            key: message.key,
            value: JSON.stringify({ id: rows[0].id, createdAt: rows[0].created_at }),
            headers: { correlation: message.headers.correlation, front: message.headers.front },
          }),
        );
      }
      await Promise.all(replies);
    },
  });
  await ready;
  exitOnStop(
    () => consumer.disconnect(),
    () => producer.disconnect(),
    () => pool.end(),
  );
  process.send?.('ready');
}

/** The HTTP side: one route, answered when its reply comes back over Kafka (504 after 10 s). */
async function front() {
  const { default: Fastify } = await import('fastify');
  const client = kafka('front');
  const self = randomUUID();
  const producer = producerOf(client);
  await producer.connect();
  const request = batchingSender(producer, REQUESTS.topic);
  /** Correlation id → the resolve of the request waiting for it. */
  const pending = new Map();
  const consumer = await consumerOf(client, `bench-floor-front-${self}`, REPLIES.topic);
  const ready = firstFetch(consumer);
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) {
        if (message.headers.front?.toString() !== self) continue;
        const correlation = message.headers.correlation.toString();
        pending.get(correlation)?.(JSON.parse(message.value.toString()));
      }
    },
  });
  await ready;
  const app = Fastify({ logger: false });
  app.post('/rows', async (req, res) => {
    const correlation = randomUUID();
    let timer;
    const answered = new Promise((resolve) => {
      pending.set(correlation, resolve);
      timer = setTimeout(() => resolve(null), REPLY_TIMEOUT_MS);
    });
    try {
      await request({
        key: correlation,
        value: JSON.stringify(req.body ?? {}),
        headers: { correlation, front: self },
      });
      const answer = await answered;
      res.code(answer ? 201 : 504);
      return answer ?? { title: 'No reply in time' };
    } finally {
      clearTimeout(timer);
      pending.delete(correlation);
    }
  });
  await app.listen({ host: '127.0.0.1', port: Number(process.env.FLOOR_PORT) });
  exitOnStop(
    () => app.close(),
    () => consumer.disconnect(),
    () => producer.disconnect(),
  );
  process.send?.('listening');
}

const ROLES = { echo, front };
if (process.argv[1] === fileURLToPath(import.meta.url))
  ROLES[process.argv[2]]().catch((error) => {
    console.error(`kafka floor ${process.argv[2]}: ${error.message}`);
    process.exit(1);
  });
