import { ProducerBatch, RecordMetadata } from 'kafkajs';
import { CoalescingSender } from './coalescing-producer';

/** A producer whose requests stay in flight until the test settles them. */
function heldProducer() {
  const requests: { batch: ProducerBatch; settle: (error?: Error) => void }[] = [];
  const producer = {
    requests,
    sendBatch: (batch: ProducerBatch) =>
      new Promise<RecordMetadata[]>((resolve, reject) => {
        requests.push({
          batch,
          settle: (error) =>
            error
              ? reject(error)
              : resolve(
                  // One entry per topic, as KafkaJS merges the records of a topic.
                  [...new Set((batch.topicMessages ?? []).map(({ topic }) => topic))].map(
                    (topic) => ({
                      topicName: topic,
                      partition: 0,
                      errorCode: 0,
                    }),
                  ),
                ),
        });
      }),
  };
  return producer;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const record = (topic: string, value: string, acks?: number) => ({
  topic,
  acks,
  messages: [{ key: null, value }],
});
const values = (batch: ProducerBatch) =>
  (batch.topicMessages ?? []).flatMap(({ messages }) => messages.map((m) => m.value));

describe('CoalescingSender', () => {
  it('sends what arrives while a request is in flight together, in order, in the next request', async () => {
    const producer = heldProducer();
    const sender = new CoalescingSender(producer);
    const first = sender.send(record('a', '1'));
    await tick();
    const later = [sender.send(record('a', '2')), sender.send(record('b', '3'))];
    const last = sender.send(record('a', '4'));
    await tick();
    expect(producer.requests.map(({ batch }) => values(batch))).toEqual([['1']]);

    producer.requests[0].settle();
    await expect(first).resolves.toEqual([{ topicName: 'a', partition: 0, errorCode: 0 }]);
    await tick();
    expect(producer.requests.map(({ batch }) => values(batch))).toEqual([['1'], ['2', '3', '4']]);

    producer.requests[1].settle();
    await expect(later[1]).resolves.toEqual([{ topicName: 'b', partition: 0, errorCode: 0 }]);
    await expect(last).resolves.toHaveLength(1);
  });

  it('sends the records of a failed request again one by one, so a record fails only for itself', async () => {
    const producer = heldProducer();
    const sender = new CoalescingSender(producer);
    const first = sender.send(record('a', '1'));
    await tick();
    const merged = [sender.send(record('a', '2')), sender.send(record('b', 'too large'))];
    producer.requests[0].settle();
    await first;
    await tick();
    expect(values(producer.requests[1].batch)).toEqual(['2', 'too large']);
    producer.requests[1].settle(new Error('MESSAGE_TOO_LARGE'));
    await tick();
    expect(values(producer.requests[2].batch)).toEqual(['2']);
    producer.requests[2].settle();
    await tick();
    expect(values(producer.requests[3].batch)).toEqual(['too large']);
    producer.requests[3].settle(new Error('MESSAGE_TOO_LARGE'));
    await expect(merged[0]).resolves.toHaveLength(1);
    await expect(merged[1]).rejects.toThrow('MESSAGE_TOO_LARGE');
  });

  it('fails a record sent alone with its own error, and goes on with the next', async () => {
    const producer = heldProducer();
    const sender = new CoalescingSender(producer);
    const failed = sender.send(record('a', '1'));
    await tick();
    const next = sender.send(record('a', '2'));
    producer.requests[0].settle(new Error('broker gone'));
    await expect(failed).rejects.toThrow('broker gone');
    await tick();
    producer.requests[1].settle();
    await expect(next).resolves.toHaveLength(1);
  });

  it('keeps a request under its byte cap', async () => {
    const producer = heldProducer();
    const sender = new CoalescingSender(producer, 500, 350);
    const sent = ['x'.repeat(100), 'y'.repeat(100), 'z'.repeat(100)].map((value) =>
      sender.send(record('a', value)),
    );
    await tick();
    // 100 bytes and 64 of overhead each: two fit under 350, the third waits.
    expect(values(producer.requests[0].batch)).toHaveLength(2);
    producer.requests[0].settle();
    await tick();
    expect(values(producer.requests[1].batch)).toHaveLength(1);
    producer.requests[1].settle();
    await Promise.all(sent);
  });

  it('never puts records that ask for different acknowledgements in one request', async () => {
    const producer = heldProducer();
    const sender = new CoalescingSender(producer);
    const sent = [sender.send(record('a', '1', -1)), sender.send(record('a', '2', 1))];
    await tick();
    expect(producer.requests.map(({ batch }) => [batch.acks, values(batch)])).toEqual([
      [-1, ['1']],
    ]);
    producer.requests[0].settle();
    await tick();
    expect(producer.requests[1].batch.acks).toBe(1);
    producer.requests[1].settle();
    await Promise.all(sent);
  });

  it('caps the records of one request', async () => {
    const producer = heldProducer();
    const sender = new CoalescingSender(producer, 2);
    const sent = ['1', '2', '3'].map((value) => sender.send(record('a', value)));
    await tick();
    expect(values(producer.requests[0].batch)).toEqual(['1', '2']);
    producer.requests[0].settle();
    await tick();
    expect(values(producer.requests[1].batch)).toEqual(['3']);
    producer.requests[1].settle();
    await Promise.all(sent);
  });
});
