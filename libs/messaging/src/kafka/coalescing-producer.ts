import { Producer, ProducerBatch, ProducerRecord, RecordMetadata } from 'kafkajs';

type BatchSender = Pick<Producer, 'sendBatch'>;

interface Waiting {
  readonly record: ProducerRecord;
  readonly resolve: (metadata: RecordMetadata[]) => void;
  readonly reject: (error: unknown) => void;
}

/** Records sent together must ask for the same acknowledgement; others wait for the next request. */
function deliveryOf({ acks, timeout, compression }: ProducerRecord): string {
  return `${acks ?? -1}/${timeout ?? ''}/${compression ?? ''}`;
}

/**
 * Bytes gathered into one request at most: the broker refuses a partition's batch over its
 * message.max.bytes (1 MB by default), which no record alone would have reached.
 */
const MAX_BYTES_PER_REQUEST = 256 * 1024;

function sizeOf({ messages }: ProducerRecord): number {
  let bytes = 0;
  for (const { key, value } of messages) bytes += lengthOf(key) + lengthOf(value) + 64;
  return bytes;
}

function lengthOf(part: string | Buffer | null | undefined): number {
  if (!part) return 0;
  return typeof part === 'string' ? Buffer.byteLength(part) : part.length;
}

/**
 * Turns concurrent `send` calls into one produce request. Every producer of this system allows one
 * request in flight (so a retry cannot reorder an aggregate's messages), and KafkaJS makes each
 * `send` a request of its own: under load the gateway's commands and a service's replies queued
 * one round trip after another. Here whatever arrives while a request is in flight leaves together
 * in the next one, in the order it was sent, so order per partition is unchanged and a record is
 * still acknowledged before its `send` resolves. At low load nothing waits: the first record
 * leaves at once (after the current microtask, so records sent in one tick travel together).
 * A request that fails is sent again record by record, so each caller gets its own answer and
 * none fails for a neighbour (a duplicate that results is dropped by the reader: replies by
 * correlation id, commands by message id).
 */
export class CoalescingSender {
  private queue: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly producer: BatchSender,
    private readonly maxRecordsPerRequest = 500,
    private readonly maxBytesPerRequest = MAX_BYTES_PER_REQUEST,
  ) {}

  send(record: ProducerRecord): Promise<RecordMetadata[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (this.draining) return;
      this.draining = true;
      queueMicrotask(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) await this.sendNext(this.takeNext());
    } finally {
      this.draining = false;
    }
  }

  /** The longest run at the head of the queue that can share one request. */
  private takeNext(): Waiting[] {
    const delivery = deliveryOf(this.queue[0].record);
    let count = 1;
    let bytes = sizeOf(this.queue[0].record);
    while (count < this.queue.length && count < this.maxRecordsPerRequest) {
      const next = this.queue[count].record;
      bytes += sizeOf(next);
      if (deliveryOf(next) !== delivery || bytes > this.maxBytesPerRequest) break;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private async sendNext(batch: Waiting[]): Promise<void> {
    try {
      const metadata = await this.producer.sendBatch(requestOf(batch));
      for (const { record, resolve } of batch)
        resolve(metadata.filter(({ topicName }) => topicName === record.topic));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      for (const waiting of batch) await this.sendNext([waiting]);
    }
  }
}

function requestOf(batch: readonly Waiting[]): ProducerBatch {
  const { acks, timeout, compression } = batch[0].record;
  return {
    acks,
    timeout,
    compression,
    topicMessages: batch.map(({ record }) => ({ topic: record.topic, messages: record.messages })),
  };
}

/** The same producer, with `send` going through a CoalescingSender. */
export function coalescing(producer: Producer): Producer {
  const sender = new CoalescingSender(producer);
  // KafkaJS's producer is an object of closures, so a copy with its own `send` behaves the same.
  return { ...producer, send: (record: ProducerRecord) => sender.send(record) };
}
