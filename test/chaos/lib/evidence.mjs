// What the checks read: every record of the event topics (as the broker's admin, from the start
// to the end offsets of the moment), and rows of the chaos databases (as the admin).
import kafkajs from 'kafkajs';
import pg from 'pg';
import { kafkaClient } from '../../../infra/scripts/lib/kafka.mjs';
import { sleep } from '../../../infra/scripts/lib/processes.mjs';

export async function query(settings, database, sql, params = []) {
  const url = new URL(settings.postgres.url);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export function databaseOf(settings, appName) {
  return settings.apps.find((app) => app.name === appName).database;
}

/** Every record of `topics` up to their end offsets now: { topic, partition, offset, envelope }. */
export async function readTopics(settings, topics) {
  const kafka = new kafkajs.Kafka({
    ...kafkaClient(settings, 'bp-chaos-check'),
    logLevel: kafkajs.logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map();
  try {
    for (const topic of topics)
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic))
        if (Number(high) > Number(low)) ends.set(`${topic}/${partition}`, Number(high));
  } finally {
    await admin.disconnect();
  }
  const records = [];
  if (!ends.size) return records;
  const consumer = kafka.consumer({ groupId: `bp-chaos-check-${Date.now()}` });
  await consumer.connect();
  const pending = new Set(ends.keys());
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const place = `${batch.topic}/${batch.partition}`;
        for (const message of batch.messages) {
          const offset = Number(message.offset);
          if (offset >= (ends.get(place) ?? 0)) continue;
          let envelope = null;
          try {
            envelope = JSON.parse(message.value?.toString() ?? 'null');
          } catch {
            envelope = null;
          }
          records.push({ topic: batch.topic, partition: batch.partition, offset, envelope });
          if (offset + 1 >= ends.get(place)) pending.delete(place);
        }
      },
    });
    const deadline = Date.now() + 120_000;
    while (pending.size && Date.now() < deadline) await sleep(200);
    if (pending.size) throw new Error(`Could not read to the end of ${[...pending].join(', ')}`);
  } finally {
    await consumer.disconnect();
  }
  records.sort((a, b) =>
    a.topic === b.topic
      ? a.partition - b.partition || a.offset - b.offset
      : a.topic.localeCompare(b.topic),
  );
  return records;
}

/** Records a consumer group has yet to commit on `topics` (end offset minus committed offset). */
export async function groupLag(settings, groupId, topics) {
  const kafka = new kafkajs.Kafka({
    ...kafkaClient(settings, 'bp-chaos-lag'),
    logLevel: kafkajs.logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    let lag = 0;
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const mine = committed.find((t) => t.topic === topic)?.partitions ?? [];
      for (const { partition, high, low } of ends) {
        const at = Number(mine.find((p) => p.partition === partition)?.offset ?? -1);
        lag += Number(high) - Math.max(at, Number(low));
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}
