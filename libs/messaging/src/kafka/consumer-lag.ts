/** A partition's offsets as the broker lists them: the first it still holds, and the next it writes. */
export interface PartitionWatermarks {
  partition: number;
  low: string;
  high: string;
}

/**
 * Messages of a partition that its consumer group has not committed past (a committed offset is
 * the next message to read). A group without a commit there (Kafka answers -1), or with one the
 * log no longer holds, starts where its subscription says: at the first message kept, or at the
 * end; so that is where it is counted from.
 */
export function consumerLag(
  { low, high }: PartitionWatermarks,
  committed: string | undefined,
  fromBeginning: boolean,
): number {
  const first = BigInt(low);
  const end = BigInt(high);
  let position = committed === undefined ? -1n : BigInt(committed);
  if (position < first) position = fromBeginning ? first : end;
  return end > position ? Number(end - position) : 0;
}

/** Messages a topic holds now: for a dead-letter topic, those still waiting for someone. */
export function retainedMessages(partitions: readonly PartitionWatermarks[]): number {
  return partitions.reduce(
    (sum, { low, high }) => sum + Math.max(Number(BigInt(high) - BigInt(low)), 0),
    0,
  );
}
