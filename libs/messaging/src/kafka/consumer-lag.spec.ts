import { consumerLag, retainedMessages } from './consumer-lag';

const partition = (low: string, high: string) => ({ partition: 0, low, high });

describe('consumerLag', () => {
  it('counts the messages after the committed offset', () => {
    expect(consumerLag(partition('0', '10'), '7', true)).toBe(3);
    expect(consumerLag(partition('0', '10'), '10', false)).toBe(0);
  });

  it('counts every kept message for a group that reads from the beginning and committed nothing', () => {
    expect(consumerLag(partition('4', '10'), '-1', true)).toBe(6);
    expect(consumerLag(partition('4', '10'), undefined, true)).toBe(6);
  });

  it('counts nothing for a group that starts at the end and committed nothing', () => {
    expect(consumerLag(partition('4', '10'), '-1', false)).toBe(0);
  });

  it('counts from where the group restarts when retention removed its committed offset', () => {
    expect(consumerLag(partition('40', '50'), '12', true)).toBe(10);
    expect(consumerLag(partition('40', '50'), '12', false)).toBe(0);
  });

  it('is never negative, even if a commit is read after a newer high watermark', () => {
    expect(consumerLag(partition('0', '10'), '12', true)).toBe(0);
  });

  it('handles offsets beyond what a double holds exactly', () => {
    expect(consumerLag(partition('0', '9007199254740999'), '9007199254740990', true)).toBe(9);
  });
});

describe('retainedMessages', () => {
  it('adds up what every partition holds, between its low and high watermarks', () => {
    expect(
      retainedMessages([
        { partition: 0, low: '3', high: '5' },
        { partition: 1, low: '0', high: '0' },
        { partition: 2, low: '10', high: '11' },
      ]),
    ).toBe(3);
  });

  it('is zero for an empty topic, or one whose records were all deleted', () => {
    expect(retainedMessages([])).toBe(0);
    expect(retainedMessages([{ partition: 0, low: '7', high: '7' }])).toBe(0);
  });
});
