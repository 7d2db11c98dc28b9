import { Kafka } from 'kafkajs';
import { EVENT_CATALOG, EventEnvelope } from '@bp/contracts';
import { readEvent } from '../consumer/read-event';
import { CONSUMER_MAX_WAIT_MS } from '../kafka/kafka-settings';

export interface ReplayOutcome {
  applied: number;
  /** Malformed messages, skipped as the live consumer parks them in the dead-letter topic. */
  skipped: number;
  /** Events that could not be applied, or that are newer than this code reads: a failed replay. */
  failures: string[];
  /** Where each topic's partitions ended when the replay started: what it read up to. */
  ends: Map<string, Map<number, bigint>>;
  /**
   * Partitions whose first events are gone (retention deleted them: the log starts past 0), as
   * `topic[partition] from offset n`: a replay of them is not the whole history.
   */
  truncated: string[];
}

export interface ReplayOptions {
  topics: readonly string[];
  /** A one-off consumer group, deleted after the replay (its principal must be allowed to). */
  groupId: string;
  /** The event types to apply; others are read past. */
  accepts: (type: string) => boolean;
  /** Applies one event; an error is noted as a failure and the replay goes on. */
  apply: (event: EventEnvelope, place: { topic: string; partition: number }) => Promise<void>;
}

/**
 * Reads `topics` from their start to their ends as of now, each partition's events in order, as
 * the live consumer would: malformed messages skipped, an event newer than this code reads (the
 * live consumer would hold on it) a failure.
 */
export async function replayTopics(kafka: Kafka, options: ReplayOptions): Promise<ReplayOutcome> {
  const outcome: ReplayOutcome = {
    applied: 0,
    skipped: 0,
    failures: [],
    ends: new Map(),
    truncated: [],
  };
  const admin = kafka.admin();
  await admin.connect();
  try {
    const pending = new Set<string>();
    for (const topic of options.topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      outcome.ends.set(topic, new Map(offsets.map((p) => [p.partition, BigInt(p.high)])));
      for (const { partition, low, high } of offsets) {
        if (BigInt(low) > 0n) outcome.truncated.push(`${topic}[${partition}] from offset ${low}`);
        // A partition whose records all expired has nothing to read: none will ever arrive.
        if (BigInt(high) > BigInt(low)) pending.add(`${topic}:${partition}`);
      }
    }
    if (!pending.size) return outcome;
    const consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS,
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        // A consumer KafkaJS gives up on would leave the replay waiting for ever.
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          if (!payload.restart) reject(payload.error);
        });
        consumer
          .run({
            eachMessage: async ({ topic, partition, message }) => {
              const key = `${topic}:${partition}`;
              if (!pending.has(key)) return;
              const read = readEvent(message.value, EVENT_CATALOG, topic);
              const place = `${topic}[${partition}]@${message.offset}`;
              if (!read.ok && read.newer) outcome.failures.push(`${place}: ${read.reason}`);
              else if (!read.ok) outcome.skipped += 1;
              else if (options.accepts(read.envelope.type)) {
                try {
                  await options.apply(read.envelope, { topic, partition });
                  outcome.applied += 1;
                } catch (error) {
                  outcome.failures.push(`${place}: ${(error as Error).message ?? String(error)}`);
                }
              }
              if (BigInt(message.offset) + 1n >= outcome.ends.get(topic)!.get(partition)!)
                pending.delete(key);
              if (!pending.size) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([options.groupId]).catch(() => undefined);
    }
    return outcome;
  } finally {
    await admin.disconnect();
  }
}
