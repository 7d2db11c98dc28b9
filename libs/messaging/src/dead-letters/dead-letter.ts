import { MessageHeaders } from '@bp/contracts';
import { RecordAddress, StoredRecord, headerText } from './stored-record';

/**
 * A dead-letter topic has one partition (libs/contracts, kafka/topics.ts), so a topic and an offset
 * name one of its records: `<dlq topic>@<offset>`, as the operator types it and as the replay
 * headers carry it.
 */
export const DEAD_LETTER_PARTITION = 0;

export function deadLetterAddress(record: Pick<StoredRecord, 'topic' | 'offset'>): string {
  return `${record.topic}@${record.offset}`;
}

/** What the dead-letter tool noted in the topic when it replayed a dead letter. */
export interface ReplayNote {
  /** The dead letter replayed, `<dlq topic>@<offset>`. */
  of: string;
  /** Where the event went again, `topic[partition]@offset`. */
  to: string;
  at: string;
}

/** A message a consumer parked (KafkaEventConsumer.deadLetter), read from its headers. */
export interface DeadLetter {
  record: StoredRecord;
  origin: RecordAddress;
  consumer: string;
  error: string;
  attempts: number | null;
  failedAt: string | null;
  /** From the envelope, if it can be read; its data is never taken out here. */
  event: { id: string | null; type: string | null };
  /** Set when this dead letter is a replay that failed again: the dead letter it replayed. */
  replayOf: string | null;
  /** The tool's notes of replays of it, found later in the same topic. */
  replays: ReplayNote[];
}

export type DeadLetterRecord =
  | { kind: 'dead-letter'; letter: DeadLetter }
  | { kind: 'replay-note'; note: ReplayNote }
  | { kind: 'other' };

/**
 * Tells a consumer's dead letter (it names where it came from) from the tool's replay note (it
 * names only the dead letter it replayed) and from anything else someone wrote there.
 */
export function readDeadLetterRecord(record: StoredRecord): DeadLetterRecord {
  const header = (name: string) => headerText(record.headers, name);
  const originTopic = header(MessageHeaders.dlqOriginalTopic);
  const originPartition = Number(header(MessageHeaders.dlqOriginalPartition));
  const originOffset = header(MessageHeaders.dlqOriginalOffset);
  if (originTopic && Number.isInteger(originPartition) && /^\d+$/.test(originOffset ?? '')) {
    const attempts = Number(header(MessageHeaders.dlqAttempts));
    return {
      kind: 'dead-letter',
      letter: {
        record,
        origin: { topic: originTopic, partition: originPartition, offset: originOffset! },
        consumer: header(MessageHeaders.dlqConsumer) ?? '',
        error: header(MessageHeaders.dlqError) ?? '',
        attempts: Number.isInteger(attempts) ? attempts : null,
        failedAt: header(MessageHeaders.dlqFailedAt) ?? null,
        event: eventOf(record.value),
        replayOf: header(MessageHeaders.dlqReplayOf) ?? null,
        replays: [],
      },
    };
  }
  const of = header(MessageHeaders.dlqReplayOf);
  if (of)
    return {
      kind: 'replay-note',
      note: {
        of,
        to: header(MessageHeaders.dlqReplayedTo) ?? '',
        at: header(MessageHeaders.dlqReplayedAt) ?? '',
      },
    };
  return { kind: 'other' };
}

/** The envelope's id and type, for naming the event; nothing of its data. */
function eventOf(value: Buffer | null): DeadLetter['event'] {
  let plain: unknown;
  try {
    plain = value ? JSON.parse(value.toString('utf8')) : null;
  } catch {
    plain = null;
  }
  const envelope = (plain !== null && typeof plain === 'object' ? plain : {}) as Record<
    string,
    unknown
  >;
  const text = (field: unknown) => (typeof field === 'string' ? field : null);
  return { id: text(envelope.id), type: text(envelope.type) };
}
