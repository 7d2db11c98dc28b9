import { randomUUID } from 'node:crypto';
import { Admin, Kafka } from 'kafkajs';
import { StoredRecord, storedRecord } from './stored-record';
import { CONSUMER_MAX_WAIT_MS } from '../kafka/kafka-settings';

/** The records of one partition from `from` up to, not including, `until`. */
export interface RecordRange {
  topic: string;
  partition: number;
  from: bigint;
  until: bigint;
}

/** What a partition holds now: its first offset still kept and the offset its next record gets. */
export interface PartitionExtent {
  partition: number;
  low: bigint;
  high: bigint;
}

export async function partitionExtents(admin: Admin, topic: string): Promise<PartitionExtent[]> {
  return (await admin.fetchTopicOffsets(topic)).map(({ partition, low, high }) => ({
    partition,
    low: BigInt(low),
    high: BigInt(high),
  }));
}

const rangeKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * Reads the ranges as they are now and returns their records in order. KafkaJS reads only in a
 * consumer group, so this joins one of its own, seeks to each range's start, commits nothing and
 * deletes the group after: no service's group and no offset of it is touched. Ranges must end at
 * or below the partition's end (`high`), or this waits for records that never come (`timeoutMs`).
 */
export async function readRecords(
  kafka: Kafka,
  ranges: readonly RecordRange[],
  timeoutMs = 60_000,
): Promise<StoredRecord[]> {
  // `next`: the offset wanted next; what comes before it (fetched before the seek took effect,
  // or fetched again after it) is not taken twice.
  const pending = new Map(
    ranges
      .filter((r) => r.from < r.until)
      .map((r) => [rangeKey(r.topic, r.partition), { ...r, next: r.from }]),
  );
  if (!pending.size) return [];
  const records: StoredRecord[] = [];
  const groupId = `bp-dlq-tool-${randomUUID()}`;
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS,
    retry: { retries: 3, restartOnFailure: async () => false },
  });
  await consumer.connect();
  try {
    await consumer.subscribe({
      topics: [...new Set([...pending.values()].map((r) => r.topic))],
      fromBeginning: true,
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Reading ${pending.size} partition(s) took over ${timeoutMs} ms`)),
        timeoutMs,
      );
      const finish = (error?: unknown) => {
        clearTimeout(timer);
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve();
      };
      consumer.on(consumer.events.CRASH, ({ payload }) => finish(payload.error));
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ topic, partition, message, pause }) => {
            const range = pending.get(rangeKey(topic, partition));
            // A partition of no range, or one read to its end: nothing more of it is wanted.
            if (!range) return void pause();
            const offset = BigInt(message.offset);
            if (offset < range.next) return;
            if (offset < range.until) records.push(storedRecord(topic, partition, message));
            range.next = offset + 1n;
            if (range.next >= range.until) {
              pending.delete(rangeKey(topic, partition));
              pause();
              if (!pending.size) finish();
            }
          },
        })
        .then(() => {
          for (const range of pending.values())
            consumer.seek({
              topic: range.topic,
              partition: range.partition,
              offset: range.from.toString(),
            });
        }, finish);
    });
  } finally {
    await consumer.disconnect();
    await deleteGroup(kafka, groupId);
  }
  return records.sort(
    (a, b) =>
      a.topic.localeCompare(b.topic) ||
      a.partition - b.partition ||
      Number(BigInt(a.offset) - BigInt(b.offset)),
  );
}

/** The reader's group holds no offsets; deleting it only tidies the group list, so failing is harmless. */
async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // The broker drops an empty group without offsets by itself.
  } finally {
    await admin.disconnect();
  }
}
