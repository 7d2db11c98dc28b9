import { DeadLetter, deadLetterAddress } from './dead-letter';
import { describeAddress, headerText } from './stored-record';

const ERROR_WIDTH = 200;

/**
 * One line per dead letter, for `list`: where it is and came from, who parked it, which event,
 * when, after how many attempts, whether it was replayed, and the first line of the error. Never
 * the event's data: the channel's logs and listings carry no values (README), only `show` does,
 * when asked for one record.
 */
export function listLine(letter: DeadLetter): string {
  const replayed = letter.replays.length
    ? letter.replays.map((note) => `${note.at}>${note.to}`).join(',')
    : 'no';
  return [
    deadLetterAddress(letter.record),
    `from=${describeAddress(letter.origin)}`,
    // Written by whoever wrote the record: one line each, no terminal control, whatever it holds.
    `consumer=${letter.consumer || '-'}`,
    `type=${letter.event.type ?? '-'}`,
    `event=${letter.event.id ?? '-'}`,
    `failed-at=${letter.failedAt ?? '-'}`,
    `attempts=${letter.attempts ?? '-'}`,
    ...(letter.replayOf ? [`replay-of=${letter.replayOf}`] : []),
    `replayed=${replayed}`,
    `error=${JSON.stringify(firstLine(letter.error))}`,
  ]
    .map(printable)
    .join(' ');
}

/** Control characters (newlines, escape sequences) shown as `?`. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** One dead letter in full: its headers and the envelope with its data, on explicit request. */
export function showLines(letter: DeadLetter): string[] {
  const { record } = letter;
  return [
    `${deadLetterAddress(record)} (written ${writtenAt(record.timestamp)})`,
    `key: ${record.key?.toString('utf8') ?? '(none)'}`,
    'replays:',
    ...(letter.replays.length
      ? letter.replays.map((note) => `  ${note.at} to ${note.to}`)
      : ['  none']),
    'headers:',
    ...Object.keys(record.headers)
      .sort()
      .map((name) => `  ${name}: ${indentFollowing(headerText(record.headers, name) ?? '')}`),
    'value:',
    ...valueLines(record.value),
  ];
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > ERROR_WIDTH ? `${line.slice(0, ERROR_WIDTH - 1)}…` : line;
}

function writtenAt(timestamp: string): string {
  const ms = Number(timestamp);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : timestamp;
}

const indentFollowing = (text: string) => text.replace(/\n/g, '\n    ');

function valueLines(value: Buffer | null): string[] {
  if (!value) return ['  (none)'];
  const text = value.toString('utf8');
  try {
    return JSON.stringify(JSON.parse(text), null, 2).split('\n');
  } catch {
    // Not JSON (the reason it was parked): shown as it is.
    return [`  (not JSON, ${value.length} bytes) ${text}`];
  }
}
