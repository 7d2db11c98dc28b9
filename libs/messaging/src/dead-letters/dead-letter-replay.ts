import { Admin, IHeaders, Kafka, Producer } from 'kafkajs';
import { EventEnvelopeDto, MessageHeaders, deadLetterTopic, readPlain } from '@bp/contracts';
import { DEAD_LETTER_PARTITION, DeadLetter, deadLetterAddress } from './dead-letter';
import { findOriginal } from './original-record';
import { RECORD_RETENTION } from '../service/record-retention';
import { describeAddress, sameBytes } from './stored-record';

export interface ReplayOptions {
  /** Replay although the tool noted a replay before: consumers' inboxes still apply it once. */
  force: boolean;
  /** When the original is gone (retention), replay the dead letter's copy, which nothing checks. */
  unverified: boolean;
}

export type ReplayOutcome =
  | { replayed: true; to: string; noted: boolean; unverified: boolean }
  | { replayed: false; reason: string; alreadyReplayed: boolean };

export interface ReplayClients {
  kafka: Kafka;
  admin: Admin;
  producer: Producer;
  now?: () => Date;
}

const refused = (reason: string, alreadyReplayed = false): ReplayOutcome => ({
  replayed: false,
  reason,
  alreadyReplayed,
});

/**
 * Delivers a dead-lettered event again: to the topic and partition it was read from, so every
 * consumer of that topic reads it again and each decides by its inbox. A consumer that applied the
 * event (the one that did not fail, or this replay's second delivery) finds its `(consumer, event
 * id)` row and changes nothing; the one that parked it never wrote that row and applies it now.
 * That is what makes a replay safe, so an event without a readable id is not replayed.
 *
 * The tool writes as the broker's admin, who may write any topic; the consumers that dead-letter
 * may write only `<topic>.dlq`. So the dead letter is not believed: what is replayed is the record
 * it names, read back from the original topic, and only when the dead letter is a byte-for-byte
 * copy of it. Otherwise a service could have the admin publish on another service's topic.
 *
 * `letters` are the dead letters of one original record (each consumer that failed parks its own);
 * the record is replayed once and each gets a note in its topic, by which a second replay is
 * refused unless `force`.
 */
export async function replayDeadLetters(
  clients: ReplayClients,
  letters: readonly [DeadLetter, ...DeadLetter[]],
  options: ReplayOptions,
): Promise<ReplayOutcome> {
  const [letter] = letters;
  const { origin, record } = letter;
  if (deadLetterTopic(origin.topic) !== record.topic)
    return refused(`it says it came from ${origin.topic}, whose dead letters go elsewhere`);
  if (!eventIdIn(record.value))
    return refused(
      'its value is not a valid event envelope: consumers would park it again, and without an ' +
        'event id no inbox could tell a second delivery',
    );
  const noted = letters.flatMap((each) => each.replays);
  if (noted.length && !options.force)
    return refused(
      `already replayed (${noted.map((note) => `${note.at} to ${note.to}`).join('; ')}); ` +
        '--force replays it again, and consumers that applied it skip it (inbox)',
      true,
    );

  const original = await findOriginal(clients.kafka, clients.admin, origin);
  if (original.state === 'never-written')
    return refused(`${describeAddress(origin)}, which it says it copies, was never written`);
  if (original.state === 'gone' && !options.unverified)
    return refused(
      `${describeAddress(origin)} is gone (retention), so the dead letter cannot be checked against ` +
        'what was published; --unverified replays its copy if you trust it',
    );
  if (original.state === 'gone' && !withinInboxRetention(record.value))
    return refused(
      'the event is older than the inbox rows kept against redelivery (service/record-retention.ts): ' +
        'consumers that applied it may no longer know it, and would apply it twice',
    );
  if (
    original.state === 'present' &&
    !(sameBytes(original.record.key, record.key) && sameBytes(original.record.value, record.value))
  )
    return refused(`it differs from ${describeAddress(origin)}, the record it says it copies`);

  const source =
    original.state === 'present'
      ? original.record
      : { ...record, headers: withoutDeadLetterHeaders(record.headers) };
  const [sent] = await clients.producer.send({
    topic: origin.topic,
    acks: -1,
    messages: [
      {
        partition: origin.partition,
        key: source.key,
        value: source.value,
        headers: { ...source.headers, [MessageHeaders.dlqReplayOf]: deadLetterAddress(record) },
      },
    ],
  });
  const to = describeAddress({
    topic: origin.topic,
    partition: origin.partition,
    offset: sent?.baseOffset ?? '?',
  });
  const at = (clients.now?.() ?? new Date()).toISOString();
  const wasNoted = await clients.producer
    .send({
      topic: record.topic,
      acks: -1,
      messages: letters.map((each) => ({
        partition: DEAD_LETTER_PARTITION,
        value: null,
        headers: {
          [MessageHeaders.dlqReplayOf]: deadLetterAddress(each.record),
          [MessageHeaders.dlqReplayedTo]: to,
          [MessageHeaders.dlqReplayedAt]: at,
        },
      })),
    })
    .then(
      () => true,
      () => false,
    );
  return { replayed: true, to, noted: wasNoted, unverified: original.state === 'gone' };
}

function eventIdIn(value: Buffer | null): boolean {
  if (!value) return false;
  try {
    return readPlain(EventEnvelopeDto, JSON.parse(value.toString('utf8'))).ok;
  } catch {
    return false;
  }
}

/** Whether every consumer that applied the event still keeps its inbox row for it. */
function withinInboxRetention(value: Buffer | null): boolean {
  try {
    const { occurredAt } = JSON.parse(value!.toString('utf8')) as { occurredAt?: unknown };
    const age = Date.now() - Date.parse(String(occurredAt));
    return age >= 0 && age < RECORD_RETENTION.inboxMs;
  } catch {
    return false;
  }
}

/** The headers the event was published with: the consumer's `x-dlq-*` additions taken off. */
function withoutDeadLetterHeaders(headers: IHeaders): IHeaders {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !name.startsWith('x-dlq-')),
  ) as IHeaders;
}
