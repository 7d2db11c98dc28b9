import { MessageHeaders } from '@bp/contracts';
import { readDeadLetterRecord } from './dead-letter';
import { listLine, showLines } from './dead-letter-lines';
import { StoredRecord } from './stored-record';

const EVENT_ID = '6f1c2a4e-8d0b-4c1e-9a57-3b2d1f0e9c88';
const envelope = {
  id: EVENT_ID,
  type: 'deployment.proposed',
  version: 1,
  source: 'deployment-service',
  subject: 'd-1',
  subjectVersion: 1,
  occurredAt: '2026-03-01T10:00:00.000Z',
  correlationId: 'c-1',
  causationId: null,
  actor: null,
  data: { officerName: 'Personal Value', hostParty: 'SRB' },
};

function deadLetter(
  headers: Record<string, string>,
  value: string | null = JSON.stringify(envelope),
) {
  const record: StoredRecord = {
    topic: 'bp.deployment.events.dlq',
    partition: 0,
    offset: '7',
    key: Buffer.from('d-1'),
    value: value === null ? null : Buffer.from(value),
    headers,
    timestamp: String(Date.parse('2026-03-01T10:00:05.000Z')),
  };
  return readDeadLetterRecord(record);
}

const parked = {
  [MessageHeaders.correlationId]: 'c-1',
  [MessageHeaders.dlqError]: 'Error: cannot apply\n    at handler (posting.ts:1)',
  [MessageHeaders.dlqAttempts]: '5',
  [MessageHeaders.dlqConsumer]: 'rfi-service',
  [MessageHeaders.dlqOriginalTopic]: 'bp.deployment.events',
  [MessageHeaders.dlqOriginalPartition]: '3',
  [MessageHeaders.dlqOriginalOffset]: '41',
  [MessageHeaders.dlqFailedAt]: '2026-03-01T10:00:04.000Z',
};

describe('the dead-letter tool: what it prints', () => {
  it('lists a dead letter on one line, with the first line of its error and no data values', () => {
    const read = deadLetter(parked);
    expect(read.kind).toBe('dead-letter');
    const line = read.kind === 'dead-letter' ? listLine(read.letter) : '';
    expect(line).toBe(
      `bp.deployment.events.dlq@7 from=bp.deployment.events[3]@41 consumer=rfi-service ` +
        `type=deployment.proposed event=${EVENT_ID} failed-at=2026-03-01T10:00:04.000Z ` +
        `attempts=5 replayed=no error="Error: cannot apply"`,
    );
    expect(line).not.toContain('Personal Value');
    expect(line).not.toContain('SRB');
  });

  it('keeps a dead letter on one line whatever its writer put in it', () => {
    const read = deadLetter(
      { ...parked, [MessageHeaders.dlqConsumer]: 'rfi-service\nbp.x.dlq@1 from=forged' },
      JSON.stringify({ ...envelope, type: 'deployment.proposed\u001b[2J' }),
    );
    const line = read.kind === 'dead-letter' ? listLine(read.letter) : '';
    expect(line.split('\n')).toHaveLength(1);
    expect(line).not.toContain('\u001b');
    expect(line).toContain('consumer=rfi-service?bp.x.dlq@1');
  });

  it('names what it cannot read with a dash, and a failed replay by what it replayed', () => {
    const read = deadLetter(
      { ...parked, [MessageHeaders.dlqReplayOf]: 'bp.deployment.events.dlq@2' },
      'not json',
    );
    const line = read.kind === 'dead-letter' ? listLine(read.letter) : '';
    expect(line).toContain('type=- event=-');
    expect(line).toContain('replay-of=bp.deployment.events.dlq@2 replayed=no');
  });

  it('tells the notes of replays from dead letters', () => {
    expect(
      deadLetter(
        {
          [MessageHeaders.dlqReplayOf]: 'bp.deployment.events.dlq@7',
          [MessageHeaders.dlqReplayedTo]: 'bp.deployment.events[3]@90',
          [MessageHeaders.dlqReplayedAt]: '2026-03-02T08:00:00.000Z',
        },
        null,
      ),
    ).toEqual({
      kind: 'replay-note',
      note: {
        of: 'bp.deployment.events.dlq@7',
        to: 'bp.deployment.events[3]@90',
        at: '2026-03-02T08:00:00.000Z',
      },
    });
    expect(deadLetter({}).kind).toBe('other');
  });

  it('shows one dead letter in full when asked: every header, the whole error and the envelope', () => {
    const read = deadLetter(parked);
    const text = read.kind === 'dead-letter' ? showLines(read.letter).join('\n') : '';
    expect(text).toContain('bp.deployment.events.dlq@7 (written 2026-03-01T10:00:05.000Z)');
    expect(text).toContain('  x-dlq-error: Error: cannot apply\n        at handler (posting.ts:1)');
    expect(text).toContain('  x-correlation-id: c-1');
    expect(text).toContain('"officerName": "Personal Value"');
  });
});
