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
 * Turns concurrent `send` calls into one produce request. Every producer of this system allows one
 * request in flight (so a retry cannot reorder an aggregate's messages), and KafkaJS makes each
 * `send` a request of its own: under load the gateway's commands and a service's replies queued
 * one round trip after another. Here whatever arrives while a request is in flight leaves together
 * in the next one, in the order it was sent, so order per partition is unchanged and a record is
 * still acknowledged before its `send` resolves. At low load nothing waits: the first record
 * leaves at once (after the current microtask, so records sent in one tick travel together).
 */
export class CoalescingSender {
  private queue: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly producer: BatchSender,
    private readonly maxRecordsPerRequest = 500,
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
    while (
      count < this.queue.length &&
      count < this.maxRecordsPerRequest &&
      deliveryOf(this.queue[count].record) === delivery
    )
      count += 1;
    return this.queue.splice(0, count);
  }

  private async sendNext(batch: Waiting[]): Promise<void> {
    const { acks, timeout, compression } = batch[0].record;
    const request: ProducerBatch = {
      acks,
      timeout,
      compression,
      topicMessages: batch.map(({ record }) => ({
        topic: record.topic,
        messages: record.messages,
      })),
    };
    try {
      const metadata = await this.producer.sendBatch(request);
      for (const { record, resolve } of batch)
        resolve(metadata.filter(({ topicName }) => topicName === record.topic));
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }
}

/** The same producer, with `send` going through a CoalescingSender. */
export function coalescing(producer: Producer): Producer {
  const sender = new CoalescingSender(producer);
  // KafkaJS's producer is an object of closures, so a copy with its own `send` behaves the same.
  return { ...producer, send: (record: ProducerRecord) => sender.send(record) };
}
