import { Gauge } from 'prom-client';
import { Admin, Kafka } from 'kafkajs';
import { sharedGauge } from '@bp/observability';
import { PeriodicTask } from '@bp/persistence';
import { consumerLag, retainedMessages } from './consumer-lag';
import { KafkaConnection, kafkaClientConfig } from './kafka-settings';

/** A consumer group and what it reads, as its consumer subscribes. */
export interface WatchedGroup {
  groupId: string;
  topics: readonly string[];
  /** Where the group starts on a partition it has no commit for. */
  fromBeginning: boolean;
}

export interface ConsumptionGaugesOptions {
  /** Names the Kafka client; the connection is the service's own principal. */
  clientId: string;
  kafka: KafkaConnection;
  groups: readonly WatchedGroup[];
  deadLetterTopics: readonly string[];
  intervalMs?: number;
}

const lag = sharedGauge({
  name: 'bp_consumer_lag',
  help: 'Messages of a partition that its consumer group has not committed yet',
  labelNames: ['group', 'topic', 'partition'],
});

const deadLetterDepth = sharedGauge({
  name: 'bp_dead_letter_depth',
  help: 'Messages held in a dead-letter topic (high minus low watermark)',
  labelNames: ['topic'],
});

type Reading = { gauge: Gauge<string>; labels: Record<string, string>; value: number };

/**
 * How far a service's consumer groups are behind, and what waits in the dead-letter topics of
 * what it consumes, as the broker says, on a timer. Committed offsets are the group's, not a
 * member's: every instance reports the whole group (take the max across instances), including
 * partitions no live member reads, which a member's own fetch statistics would never show. It
 * asks only what the service's principal may already see: DESCRIBE of its groups, of the topics
 * it reads and of the dead-letter topics it writes.
 */
export class ConsumptionGauges {
  private readonly admin: Admin;
  private readonly task: PeriodicTask;
  private reported: Reading[] = [];

  constructor(private readonly options: ConsumptionGaugesOptions) {
    // Short timeouts, one retry: a broker that is away makes the next tick try again, and a tick
    // under way must not hold up stop() for long.
    this.admin = new Kafka({
      ...kafkaClientConfig(options.clientId, options.kafka),
      requestTimeout: 5_000,
      retry: { initialRetryTime: 200, retries: 1, maxRetryTime: 1_000 },
    }).admin();
    this.task = new PeriodicTask(
      'Consumer lag and dead letters',
      options.intervalMs ?? 10_000,
      () => this.refresh(),
    );
  }

  start(): void {
    this.task.start({ immediately: true });
  }

  async stop(): Promise<void> {
    // The tick under way ends first: disconnecting under it would only have KafkaJS reconnect.
    await this.task.stop();
    await this.admin.disconnect().catch(() => undefined);
  }

  private async refresh(): Promise<void> {
    try {
      await this.admin.connect();
      const readings = [
        ...(await Promise.all(this.options.groups.map((group) => this.lagOf(group)))).flat(),
        ...(await Promise.all(this.options.deadLetterTopics.map((topic) => this.depthOf(topic)))),
      ];
      this.forget();
      for (const reading of readings) reading.gauge.set(reading.labels, reading.value);
      this.reported = readings;
    } catch (error) {
      // An unknown lag is not a lag of 0: the series go away until the broker answers again.
      this.forget();
      throw error;
    }
  }

  private async lagOf({ groupId, topics, fromBeginning }: WatchedGroup): Promise<Reading[]> {
    const committed = await this.admin.fetchOffsets({ groupId, topics: [...topics] });
    const perTopic = await Promise.all(
      topics.map(async (topic) => {
        const offsets = new Map(
          committed
            .find((entry) => entry.topic === topic)
            ?.partitions.map((entry) => [entry.partition, entry.offset]),
        );
        const partitions = await this.admin.fetchTopicOffsets(topic);
        return partitions.map((watermarks) => ({
          gauge: lag,
          labels: { group: groupId, topic, partition: String(watermarks.partition) },
          value: consumerLag(watermarks, offsets.get(watermarks.partition), fromBeginning),
        }));
      }),
    );
    return perTopic.flat();
  }

  private async depthOf(topic: string): Promise<Reading> {
    const partitions = await this.admin.fetchTopicOffsets(topic);
    return { gauge: deadLetterDepth, labels: { topic }, value: retainedMessages(partitions) };
  }

  /** Removes what this process reported last, so a group or topic it no longer watches goes too. */
  private forget(): void {
    for (const { gauge, labels } of this.reported) gauge.remove(labels);
    this.reported = [];
  }
}
