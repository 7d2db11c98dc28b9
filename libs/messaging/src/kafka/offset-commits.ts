import { Logger } from '@nestjs/common';
import { Consumer, TopicPartitionOffsetAndMetadata } from 'kafkajs';

/** How often consumed offsets are committed. */
export const OFFSET_COMMIT_INTERVAL_MS = 1_000;

type CommitTarget = Pick<Consumer, 'commitOffsets'>;

/**
 * Commits what a consumer has finished on a timer, instead of KafkaJS's commit after every fetched
 * batch. Under load those batches hold one or two messages, so every message cost an OffsetCommit
 * (a write to `__consumer_offsets`): about 3.6 ms of the broker's 5.2 ms of CPU per filing
 * (test/bench/RESULTS.md). Run the consumer with `autoCommit: false` and report each message here
 * once its effect is committed.
 *
 * What a crash or rebalance leaves uncommitted (at most one interval) is delivered again; every
 * consumer of this system applies a message at most once whatever Kafka redelivers (the inbox for
 * events, the idempotency record for commands, by key or by message id), so a longer interval
 * costs redelivered work, never a second effect.
 */
export class PeriodicOffsetCommits {
  private readonly logger: Logger;
  private readonly pending = new Map<string, TopicPartitionOffsetAndMetadata>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly consumer: CommitTarget,
    name: string,
    private readonly intervalMs = OFFSET_COMMIT_INTERVAL_MS,
  ) {
    this.logger = new Logger(`OffsetCommits:${name}`);
  }

  /** The message at `offset` is done: the partition may resume after it. */
  done(topic: string, partition: number, offset: string): void {
    this.keep({ topic, partition, offset: (BigInt(offset) + 1n).toString() });
  }

  /** Forgets progress on partitions this member no longer owns: their new owner commits them. */
  retainOnly(assigned: ReadonlyArray<{ topic: string; partition: number }>): void {
    const owned = new Set(assigned.map(keyOf));
    for (const key of [...this.pending.keys()]) if (!owned.has(key)) this.pending.delete(key);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** Commits what is pending now; one commit at a time. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.commitPending());
    return this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async commitPending(): Promise<void> {
    if (!this.pending.size) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    try {
      await this.consumer.commitOffsets(offsets);
    } catch (error) {
      // Kept for the next round unless newer progress arrived meanwhile; if this member lost the
      // partition, its new owner starts from the last commit and the messages come again.
      for (const offset of offsets) this.keep(offset);
      this.logger.warn(
        `Offsets not committed, retrying: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private keep(offset: TopicPartitionOffsetAndMetadata): void {
    const key = keyOf(offset);
    const current = this.pending.get(key);
    if (!current || BigInt(current.offset) < BigInt(offset.offset)) this.pending.set(key, offset);
  }
}

function keyOf({ topic, partition }: { topic: string; partition: number }): string {
  return `${topic}\0${partition}`;
}

/** Periodic commits for a consumer that runs with `autoCommit: false`, following its assignments. */
export function commitPeriodically(consumer: Consumer, name: string): PeriodicOffsetCommits {
  const commits = new PeriodicOffsetCommits(consumer, name);
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
    commits.retainOnly(
      Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) =>
        partitions.map((partition) => ({ topic, partition })),
      ),
    ),
  );
  commits.start();
  return commits;
}
