import { Admin, Kafka, logLevel } from 'kafkajs';
import { KafkaConnection, kafkaClientConfig, producerConfig } from '../kafka/kafka-settings';
import { DeadLetter, deadLetterAddress } from './dead-letter';
import { DeadLetterCommand, parseDeadLetterArguments } from './dead-letter-arguments';
import { listLine, showLines } from './dead-letter-lines';
import { ReplayOptions, replayDeadLetters } from './dead-letter-replay';
import { deadLetterTopicNamed, deadLetterTopics, readDeadLetters } from './dead-letter-topics';
import { describeAddress } from './stored-record';

export interface ToolOutput {
  /** The answer: one line per dead letter for `list`, the record for `show`. */
  out(line: string): void;
  /** Refusals, warnings and counts, so that `out` stays what a script can read line by line. */
  err(line: string): void;
}

type Outcome = Promise<number>;

/**
 * `npm run dlq -- list|show|replay`, as the broker's admin (infra/scripts/dlq.mjs finds its
 * credentials for a profile). Answers the exit status: 0 done, 1 refused or failed, 2 usage.
 */
export async function runDeadLetterTool(
  argv: readonly string[],
  connection: KafkaConnection,
  output: ToolOutput,
): Outcome {
  const parsed = parseDeadLetterArguments(argv);
  if (!parsed.ok) {
    output.err(parsed.error);
    return 2;
  }
  const kafka = new Kafka({
    ...kafkaClientConfig('bp-dlq-tool', connection),
    // What goes wrong is reported as the tool's answer, not as KafkaJS's log lines.
    logLevel: logLevel.NOTHING,
    logCreator: undefined,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await run(parsed.command, kafka, admin, output);
  } finally {
    await admin.disconnect();
  }
}

function run(command: DeadLetterCommand, kafka: Kafka, admin: Admin, output: ToolOutput): Outcome {
  switch (command.name) {
    case 'list':
      return list(kafka, admin, output, command.topic, command.consumer);
    case 'show':
      return show(kafka, admin, output, command.topic, command.offset);
    case 'replay':
      return replayOne(kafka, admin, output, command.topic, command.offset, command);
    case 'replay-all':
      return replayAll(kafka, admin, output, command.topic, command.consumer, command);
  }
}

async function list(
  kafka: Kafka,
  admin: Admin,
  output: ToolOutput,
  topic?: string,
  consumer?: string,
): Outcome {
  const topics = await existingTopics(admin, output, topic);
  if (!topics) return 1;
  const letters = (await readDeadLetters(kafka, admin, topics)).filter(
    (letter) => consumer === undefined || letter.consumer === consumer,
  );
  for (const letter of letters) output.out(listLine(letter));
  output.err(`${letters.length} dead letter(s) in ${topics.length} dead-letter topic(s)`);
  return 0;
}

async function show(
  kafka: Kafka,
  admin: Admin,
  output: ToolOutput,
  topic: string,
  offset: bigint,
): Outcome {
  const found = await letterAt(kafka, admin, output, topic, offset);
  if (!found) return 1;
  for (const line of showLines(found.letter)) output.out(line);
  return 0;
}

async function replayOne(
  kafka: Kafka,
  admin: Admin,
  output: ToolOutput,
  topic: string,
  offset: bigint,
  options: ReplayOptions,
): Outcome {
  const found = await letterAt(kafka, admin, output, topic, offset);
  if (!found) return 1;
  // Other consumers' dead letters of the same record: one replay reaches them all.
  const siblings = found.all.filter(
    (other) => other !== found.letter && sameOrigin(other, found.letter),
  );
  return (await replay(kafka, admin, output, [found.letter, ...siblings], options)) === 'replayed'
    ? 0
    : 1;
}

async function replayAll(
  kafka: Kafka,
  admin: Admin,
  output: ToolOutput,
  topic: string,
  consumer: string | undefined,
  options: ReplayOptions,
): Outcome {
  const topics = await existingTopics(admin, output, topic);
  if (!topics) return 1;
  const letters = (await readDeadLetters(kafka, admin, topics)).filter(
    (letter) => consumer === undefined || letter.consumer === consumer,
  );
  const groups = new Map<string, [DeadLetter, ...DeadLetter[]]>();
  for (const letter of letters) {
    const key = describeAddress(letter.origin);
    const group = groups.get(key);
    if (group) group.push(letter);
    else groups.set(key, [letter]);
  }
  const counts = { replayed: 0, unnoted: 0, skipped: 0, refused: 0 };
  for (const group of groups.values())
    counts[await replay(kafka, admin, output, group, options)] += 1;
  output.err(
    `${counts.replayed + counts.unnoted} replayed (${counts.unnoted} without a note), ` +
      `${counts.skipped} already replayed, ${counts.refused} refused`,
  );
  return counts.refused || counts.unnoted ? 1 : 0;
}

/** Replays one original record for its dead letters and says what happened. */
async function replay(
  kafka: Kafka,
  admin: Admin,
  output: ToolOutput,
  letters: [DeadLetter, ...DeadLetter[]],
  options: ReplayOptions,
): Promise<'replayed' | 'unnoted' | 'skipped' | 'refused'> {
  const names = letters.map((letter) => deadLetterAddress(letter.record)).join(', ');
  const producer = kafka.producer(producerConfig());
  await producer.connect();
  try {
    const outcome = await replayDeadLetters({ kafka, admin, producer }, letters, options);
    if (!outcome.replayed) {
      output.err(`Not replayed: ${names}: ${outcome.reason}`);
      return outcome.alreadyReplayed ? 'skipped' : 'refused';
    }
    const [{ event }] = letters;
    output.out(
      `replayed ${names} (${event.type ?? '-'} ${event.id ?? '-'}) to ${outcome.to}; ` +
        'consumers that applied it already skip it (inbox)',
    );
    if (outcome.unverified)
      output.err(`Replayed the dead letter's own copy: the original is gone (--unverified)`);
    if (outcome.noted) return 'replayed';
    output.err(
      `Replayed, but the note in the dead-letter topic could not be written: a second replay ` +
        'would not be refused (consumers still apply it once)',
    );
    return 'unnoted';
  } finally {
    await producer.disconnect();
  }
}

/** The dead letter at `offset` of a dead-letter topic, and every dead letter of that topic. */
async function letterAt(
  kafka: Kafka,
  admin: Admin,
  output: ToolOutput,
  topic: string,
  offset: bigint,
): Promise<{ letter: DeadLetter; all: DeadLetter[] } | undefined> {
  const topics = await existingTopics(admin, output, topic);
  if (!topics) return undefined;
  const all = await readDeadLetters(kafka, admin, topics);
  const letter = all.find((candidate) => BigInt(candidate.record.offset) === offset);
  if (!letter)
    output.err(`No dead letter at ${topics[0]}@${offset} (list shows the dead letters there)`);
  return letter && { letter, all };
}

async function existingTopics(
  admin: Admin,
  output: ToolOutput,
  named?: string,
): Promise<string[] | undefined> {
  const topics = await deadLetterTopics(admin, named);
  if (named !== undefined && !topics.length) {
    output.err(`No dead-letter topic ${deadLetterTopicNamed(named)} on this broker`);
    return undefined;
  }
  return topics;
}

const sameOrigin = (a: DeadLetter, b: DeadLetter) =>
  describeAddress(a.origin) === describeAddress(b.origin);
