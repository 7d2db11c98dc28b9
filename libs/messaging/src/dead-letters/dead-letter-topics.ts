import { Admin, Kafka } from 'kafkajs';
import { deadLetterTopic } from '@bp/contracts';
import {
  DEAD_LETTER_PARTITION,
  DeadLetter,
  ReplayNote,
  deadLetterAddress,
  readDeadLetterRecord,
} from './dead-letter';
import { partitionExtents, readRecords } from './read-records';

const SUFFIX = deadLetterTopic('');

/** The dead-letter topic an operator means: `bp.rfi.events` and `bp.rfi.events.dlq` name the same. */
export function deadLetterTopicNamed(name: string): string {
  return name.endsWith(SUFFIX) ? name : deadLetterTopic(name);
}

/** Every dead-letter topic on the broker, or the one named, if it exists. */
export async function deadLetterTopics(admin: Admin, named?: string): Promise<string[]> {
  const topics = (await admin.listTopics()).filter((topic) => topic.endsWith(SUFFIX));
  const wanted = named === undefined ? undefined : deadLetterTopicNamed(named);
  return topics.filter((topic) => wanted === undefined || topic === wanted).sort();
}

/**
 * Every dead letter the topics keep, each with the replays the tool noted for it (a note is always
 * later in the topic than what it is about).
 */
export async function readDeadLetters(
  kafka: Kafka,
  admin: Admin,
  topics: readonly string[],
): Promise<DeadLetter[]> {
  const ranges = [];
  for (const topic of topics) {
    const extent = (await partitionExtents(admin, topic)).find(
      (candidate) => candidate.partition === DEAD_LETTER_PARTITION,
    );
    if (extent)
      ranges.push({
        topic,
        partition: DEAD_LETTER_PARTITION,
        from: extent.low,
        until: extent.high,
      });
  }
  const letters: DeadLetter[] = [];
  const notes = new Map<string, ReplayNote[]>();
  for (const record of await readRecords(kafka, ranges)) {
    const read = readDeadLetterRecord(record);
    if (read.kind === 'dead-letter') letters.push(read.letter);
    if (read.kind === 'replay-note')
      notes.set(read.note.of, [...(notes.get(read.note.of) ?? []), read.note]);
  }
  for (const letter of letters) letter.replays = notes.get(deadLetterAddress(letter.record)) ?? [];
  return letters;
}
