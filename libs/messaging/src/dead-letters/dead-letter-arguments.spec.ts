import { parseDeadLetterArguments } from './dead-letter-arguments';

describe('the dead-letter tool: its command line', () => {
  it.each([
    [['list'], { name: 'list', topic: undefined, consumer: undefined }],
    [
      ['list', '--topic', 'bp.rfi.events', '--consumer', 'notification-service'],
      { name: 'list', topic: 'bp.rfi.events', consumer: 'notification-service' },
    ],
    [
      ['show', 'bp.rfi.events.dlq', '12'],
      { name: 'show', topic: 'bp.rfi.events.dlq', offset: 12n },
    ],
    [
      ['replay', 'bp.rfi.events.dlq', '12', '--force'],
      { name: 'replay', topic: 'bp.rfi.events.dlq', offset: 12n, force: true, unverified: false },
    ],
    [
      ['replay', '--all', '--topic', 'bp.rfi.events', '--consumer', 'rfi-service'],
      {
        name: 'replay-all',
        topic: 'bp.rfi.events',
        consumer: 'rfi-service',
        force: false,
        unverified: false,
      },
    ],
  ])('reads %j', (argv, command) => {
    expect(parseDeadLetterArguments(argv)).toEqual({ ok: true, command });
  });

  it.each([
    [[]],
    [['purge']],
    [['show', 'bp.rfi.events.dlq']],
    [['show', 'bp.rfi.events.dlq', '-1']],
    [['show', 'bp.rfi.events.dlq', '3', '--force']],
    [['list', '--topic']],
    [['list', 'bp.rfi.events.dlq']],
    // --all replays one topic at a time: every consumer of it reads the replay.
    [['replay', '--all']],
    [['replay', '--all', '--topic', 'bp.rfi.events', '3']],
    [['replay', 'bp.rfi.events.dlq', '3', '--consumer', 'rfi-service']],
    // Nothing checks an unverified copy: never in bulk.
    [['replay', '--all', '--topic', 'bp.rfi.events', '--unverified']],
  ])('refuses %j with the usage', (argv) => {
    const parsed = parseDeadLetterArguments(argv);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain('usage: npm run dlq');
  });
});
