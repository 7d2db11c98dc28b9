export type DeadLetterCommand =
  | { name: 'list'; topic?: string; consumer?: string }
  | { name: 'show'; topic: string; offset: bigint }
  | { name: 'replay'; topic: string; offset: bigint; force: boolean; unverified: boolean }
  | { name: 'replay-all'; topic: string; consumer?: string; force: boolean; unverified: boolean };

export type ParsedArguments =
  | { ok: true; command: DeadLetterCommand }
  | { ok: false; error: string };

export const DEAD_LETTER_USAGE = [
  'usage: npm run dlq -- list [--topic <topic>] [--consumer <consumer>]',
  '       npm run dlq -- show <dlq-topic> <offset>',
  '       npm run dlq -- replay <dlq-topic> <offset> [--force] [--unverified]',
  '       npm run dlq -- replay --all --topic <topic> [--consumer <consumer>] [--force] [--unverified]',
  '       each with --profile dev|test (default dev); a topic may be named with or without .dlq',
].join('\n');

const VALUED = new Set(['--topic', '--consumer']);
const SWITCHES = new Set(['--all', '--force', '--unverified']);
const ALLOWED: Record<string, readonly string[]> = {
  list: ['--topic', '--consumer'],
  show: [],
  replay: ['--topic', '--consumer', '--all', '--force', '--unverified'],
};

/** The command line after `npm run dlq --` (and after --profile, which the script takes). */
export function parseDeadLetterArguments(argv: readonly string[]): ParsedArguments {
  const [name, ...rest] = argv;
  if (!name || !(name in ALLOWED)) return { ok: false, error: DEAD_LETTER_USAGE };
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i += 1) {
    const token = rest[i]!;
    if (!token.startsWith('--')) positional.push(token);
    else if (!ALLOWED[name]!.includes(token)) return fail(`${name} takes no ${token}`);
    else if (SWITCHES.has(token)) options.set(token, true);
    else if (VALUED.has(token) && rest[i + 1] !== undefined && !rest[i + 1]!.startsWith('--'))
      options.set(token, rest[(i += 1)]!);
    else return fail(`${token} needs a value`);
  }
  const text = (option: string) => options.get(option) as string | undefined;
  const force = options.has('--force');
  const unverified = options.has('--unverified');
  if (name === 'list')
    return positional.length
      ? fail('list takes no arguments but options')
      : { ok: true, command: { name, topic: text('--topic'), consumer: text('--consumer') } };
  if (name === 'replay' && options.has('--all')) {
    const topic = text('--topic');
    // One topic at a time: a replay re-delivers to every consumer of it, so say which.
    if (!topic || positional.length)
      return fail('replay --all takes --topic <topic> and no offset');
    // Nothing checks an unverified copy: each is read (show) and replayed by hand, one at a time.
    if (unverified) return fail('--unverified replays one dead letter, named by its offset');
    return {
      ok: true,
      command: { name: 'replay-all', topic, consumer: text('--consumer'), force, unverified },
    };
  }
  if (options.has('--topic') || options.has('--consumer'))
    return fail(
      `${name} <dlq-topic> <offset> names one dead letter; --topic and --consumer go with --all`,
    );
  const [topic, offset] = positional;
  if (!topic || !offset || positional.length > 2 || !/^\d+$/.test(offset))
    return fail(`${name} takes <dlq-topic> <offset>`);
  return name === 'show'
    ? { ok: true, command: { name, topic, offset: BigInt(offset) } }
    : { ok: true, command: { name: 'replay', topic, offset: BigInt(offset), force, unverified } };
}

function fail(reason: string): ParsedArguments {
  return { ok: false, error: `${reason}\n${DEAD_LETTER_USAGE}` };
}
