import { TopicPartitionOffsetAndMetadata } from 'kafkajs';
import { PeriodicOffsetCommits } from './offset-commits';

/** A consumer's commitOffsets that records each call, and fails while `failing` is set. */
function recordingConsumer() {
  const calls: TopicPartitionOffsetAndMetadata[][] = [];
  const consumer = {
    failing: false,
    calls,
    commitOffsets: (offsets: TopicPartitionOffsetAndMetadata[]) => {
      if (consumer.failing) return Promise.reject(new Error('REBALANCE_IN_PROGRESS'));
      calls.push(offsets);
      return Promise.resolve();
    },
  };
  return consumer;
}

describe('PeriodicOffsetCommits', () => {
  it('commits the offset after the last message done on each partition, once', async () => {
    const consumer = recordingConsumer();
    const commits = new PeriodicOffsetCommits(consumer, 'test');
    commits.done('t', 0, '5');
    commits.done('t', 0, '7');
    commits.done('t', 1, '2');
    await commits.flush();
    await commits.flush();
    expect(consumer.calls).toEqual([
      [
        { topic: 't', partition: 0, offset: '8' },
        { topic: 't', partition: 1, offset: '3' },
      ],
    ]);
  });

  it('never moves a partition back when messages finish out of order', async () => {
    const consumer = recordingConsumer();
    const commits = new PeriodicOffsetCommits(consumer, 'test');
    commits.done('t', 0, '9');
    commits.done('t', 0, '4');
    await commits.flush();
    expect(consumer.calls).toEqual([[{ topic: 't', partition: 0, offset: '10' }]]);
  });

  it('keeps offsets that failed to commit for the next round, unless newer progress came', async () => {
    const consumer = recordingConsumer();
    const commits = new PeriodicOffsetCommits(consumer, 'test');
    commits.done('t', 0, '3');
    commits.done('t', 1, '3');
    consumer.failing = true;
    await commits.flush();
    commits.done('t', 1, '6');
    consumer.failing = false;
    await commits.flush();
    expect(consumer.calls).toEqual([
      [
        { topic: 't', partition: 0, offset: '4' },
        { topic: 't', partition: 1, offset: '7' },
      ],
    ]);
  });

  it('forgets progress on partitions another member now owns', async () => {
    const consumer = recordingConsumer();
    const commits = new PeriodicOffsetCommits(consumer, 'test');
    commits.done('t', 0, '3');
    commits.done('t', 1, '3');
    commits.retainOnly([{ topic: 't', partition: 1 }]);
    await commits.stop();
    expect(consumer.calls).toEqual([[{ topic: 't', partition: 1, offset: '4' }]]);
  });

  it('handles offsets beyond 2^53 exactly', async () => {
    const consumer = recordingConsumer();
    const commits = new PeriodicOffsetCommits(consumer, 'test');
    commits.done('t', 0, '9007199254740993');
    await commits.flush();
    expect(consumer.calls[0]).toEqual([{ topic: 't', partition: 0, offset: '9007199254740994' }]);
  });
});
