// The floor of the full Kafka path: the bare server's insert behind a Kafka request/reply and
// nothing else. A front process (Fastify) sends each request to a topic and answers when the reply
// comes back; an echo process consumes the requests, inserts the bare server's row and sends the
// reply. No authentication, validation, idempotency, history, outbox or event consumers: what the
// project's paths cost above this is the project's, what this costs above bare is the transport's.
// Both sides batch as the project does (concurrent sends leave in one produce request, replies of
// one fetch together), so this is what a filing could reach with every feature free.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setImmediate } from 'node:timers';
import kafkajs from 'kafkajs';
import pg from 'pg';

const REQUESTS = 'bp.bench.floor.requests';
const REPLIES = 'bp.bench.floor.replies';
/** As many as a service's command topic, so the echo side may apply as many at once. */
const PARTITIONS = 6;
const { Kafka, logLevel } = kafkajs;

/** Creates the two topics when missing, as the broker's admin (`client`: kafkaClient()). */
export async function prepareFloorTopics(client) {
  const admin = new Kafka({ ...client, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = [REQUESTS, REPLIES]
      .filter((topic) => !existing.has(topic))
      .map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 }));
    if (topics.length) await admin.createTopics({ topics, waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Starts the echo and the front as child processes, resolves with both once the front listens and
 * the echo has joined its group. `client` is a KafkaJS client config with credentials.
 */
export async function startKafkaFloor({ client, databaseUrl, port, poolSize }) {
  await prepareFloorTopics(client);
  const env = {
    ...process.env,
    FLOOR_KAFKA: JSON.stringify(client),
    FLOOR_DATABASE_URL: databaseUrl,
    FLOOR_PORT: String(port),
    FLOOR_POOL: String(poolSize),
  };
  const echo = await forkRole('echo', env);
  try {
    const front = await forkRole('front', env);
    return { pids: [front.pid, echo.pid], stop: () => [front, echo].forEach((c) => c.kill()) };
  } catch (error) {
    echo.kill();
    throw error;
  }
}

function forkRole(role, env) {
  const child = fork(fileURLToPath(import.meta.url), [role], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`kafka floor ${role} exited with ${code}`)));
  });
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
    logLevel: logLevel.NOTHING,
  });
}

function producerOf(client) {
  return client.producer({ allowAutoTopicCreation: false, maxInFlightRequests: 1 });
}

/** Consumes the requests one partition after another, inserts the row, sends the reply. */
async function echo() {
  const pool = new pg.Pool({
    connectionString: process.env.FLOOR_DATABASE_URL,
    max: Number(process.env.FLOOR_POOL ?? 10),
  });
  const client = kafka('echo');
  const producer = producerOf(client);
  await producer.connect();
  const reply = batchingSender(producer, REPLIES);
  const consumer = client.consumer({ groupId: 'bench-floor-echo', maxWaitTimeInMs: 1_000 });
  await consumer.connect();
  await consumer.subscribe({ topics: [REQUESTS], fromBeginning: false });
  const ready = firstFetch(consumer);
  await consumer.run({
    partitionsConsumedConcurrently: PARTITIONS,
    // One partition's requests in order, their replies sent together once the batch is applied.
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
  process.send?.('ready');
  const stop = () =>
    consumer
      .disconnect()
      .then(() => producer.disconnect())
      .then(() => pool.end())
      .finally(() => process.exit(0));
  for (const signal of ['SIGTERM', 'SIGINT', 'disconnect']) process.on(signal, stop);
}

/** The HTTP side: one route, answered when its reply comes back over Kafka. */
async function front() {
  const { default: Fastify } = await import('fastify');
  const client = kafka('front');
  const self = randomUUID();
  const producer = producerOf(client);
  await producer.connect();
  const request = batchingSender(producer, REQUESTS);
  const pending = new Map();
  // A group of its own, so that it reads every reply; those of another front are not its own.
  const consumer = client.consumer({
    groupId: `bench-floor-front-${self}`,
    maxWaitTimeInMs: 1_000,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [REPLIES], fromBeginning: false });
  const ready = firstFetch(consumer);
  await consumer.run({
    // Nothing committed: the group goes away with the process.
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) {
        if (message.headers.front?.toString() !== self) continue;
        const correlation = message.headers.correlation.toString();
        pending.get(correlation)?.(JSON.parse(message.value.toString()));
        pending.delete(correlation);
      }
    },
  });
  await ready;
  const app = Fastify({ logger: false });
  app.post('/rows', async (req, res) => {
    const correlation = randomUUID();
    const answered = new Promise((resolve) => pending.set(correlation, resolve));
    await request({
      key: correlation,
      value: JSON.stringify(req.body ?? {}),
      headers: { correlation, front: self },
    });
    res.code(201);
    return answered;
  });
  await app.listen({ host: '127.0.0.1', port: Number(process.env.FLOOR_PORT) });
  process.send?.('listening');
  const stop = () =>
    app
      .close()
      .then(() => consumer.disconnect())
      .then(() => producer.disconnect())
      .finally(() => process.exit(0));
  for (const signal of ['SIGTERM', 'SIGINT', 'disconnect']) process.on(signal, stop);
}

const ROLES = { echo, front };
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const role = ROLES[process.argv[2]];
  role().catch((error) => {
    console.error(`kafka floor ${process.argv[2]}: ${error.message}`);
    process.exit(1);
  });
}
