// The flags of `npm run bench` (README.md beside this folder), with the defaults issue 10 asks for.
import { parseArgs } from 'node:util';

const FLAGS = {
  url: { type: 'string', default: 'http://127.0.0.1:3000', help: 'the gateway' },
  profile: { type: 'string', default: 'dev', help: 'which `npm start` profile (pids, databases)' },
  duration: { type: 'string', default: '10', help: 'seconds per measured run' },
  connections: {
    type: 'string',
    help: 'concurrent connections per run (50; 1 with --statistics)',
  },
  rounds: { type: 'string', default: '2', help: 'rounds of A B A B (every path, bare between)' },
  warmup: { type: 'string', default: '2', help: 'unmeasured seconds per target before round 1' },
  paths: { type: 'string', help: 'comma-separated subset, e.g. submit,read (default: all)' },
  requester: { type: 'string', default: 'fp-pak', help: 'focal point who files' },
  recipient: { type: 'string', default: 'fp-srb', help: 'focal point of the party it goes to' },
  password: { type: 'string', help: 'demo password (default: $DEMO_PASSWORD or bp-demo-password)' },
  pool: { type: 'string', default: '100', help: 'RFIs prepared for the read and respond paths' },
  q: { type: 'string', default: 'smuggling', help: 'the full-text search word' },
  'bare-port': { type: 'string', default: '3999', help: 'port of the bare Fastify + pg server' },
  'bare-pool': { type: 'string', default: '10', help: 'pg pool size of the bare server' },
  'floor-port': {
    type: 'string',
    default: '3997',
    help: 'port of the Kafka floor; the HTTP one: +1',
  },
  scale: { type: 'boolean', default: false, help: 'seed at volume, then run the read paths' },
  rfis: { type: 'string', default: '1000000', help: 'RFIs seeded by --scale or --statistics' },
  'messages-per-rfi': { type: 'string', default: '3', help: 'messages per seeded RFI' },
  // Each seeded RFI's history is chained under an advisory lock held to the end of its
  // transaction (history-chain.migration.ts), and PostgreSQL's lock table holds 6,400 by default
  // (max_locks_per_transaction 64 × max_connections 100): 50,000 a batch ran out of it.
  batch: { type: 'string', default: '2000', help: 'RFIs (or requests) per seeding transaction' },
  reseed: { type: 'boolean', default: false, help: 'delete earlier seeded rows and seed again' },
  unseed: {
    type: 'boolean',
    default: false,
    help: 'delete the rows --scale seeded (with --statistics: those it seeded), run nothing',
  },
  'seed-only': { type: 'boolean', default: false, help: 'seed (and explain), run nothing' },
  statistics: {
    type: 'boolean',
    default: false,
    help: 'seed the reporting model, measure response-health, unseed',
  },
  'keep-seed': { type: 'boolean', default: false, help: '--statistics: leave the seeded rows' },
  reader: { type: 'string', default: 'secretariat', help: '--statistics: who reads all parties' },
  'deep-offset': { type: 'string', help: 'rows before the deep page (default: half the inbox)' },
  out: { type: 'string', help: 'JSON result file (default: test/bench/results/<time>.json)' },
  help: { type: 'boolean', default: false },
};

const positive = (name, text) => {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};

export function usage() {
  const lines = Object.entries(FLAGS).map(
    ([name, flag]) =>
      `  --${name.padEnd(18)} ${flag.help ?? ''}${flag.default !== undefined && flag.type === 'string' ? ` (${flag.default})` : ''}`,
  );
  return `usage: npm run bench -- [flags]\n${lines.join('\n')}`;
}

export function readOptions(argv = process.argv.slice(2), env = process.env) {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(
      Object.entries(FLAGS).map(([name, { type, default: value }]) => [
        name,
        { type, ...(value !== undefined ? { default: value } : {}) },
      ]),
    ),
    strict: true,
  });
  if (values.scale && values.statistics)
    throw new Error('--scale and --statistics seed different databases: run them one at a time');
  const floorPort = Number(values['floor-port']);
  if ([floorPort, floorPort + 1].includes(Number(values['bare-port'])))
    throw new Error('--floor-port and the one above it must differ from --bare-port');
  return {
    help: values.help,
    url: values.url.replace(/\/$/, ''),
    profile: values.profile,
    duration: positive('duration', values.duration),
    connections: Math.round(
      positive('connections', values.connections ?? (values.statistics ? '1' : '50')),
    ),
    rounds: Math.round(positive('rounds', values.rounds)),
    warmup: Number(values.warmup) || 0,
    paths: values.paths ? values.paths.split(',').map((p) => p.trim()) : null,
    requester: values.requester,
    recipient: values.recipient,
    password: values.password ?? env.DEMO_PASSWORD ?? 'bp-demo-password',
    pool: Math.round(positive('pool', values.pool)),
    q: values.q,
    barePort: Math.round(positive('bare-port', values['bare-port'])),
    barePool: Math.round(positive('bare-pool', values['bare-pool'])),
    floorPort: Math.round(positive('floor-port', values['floor-port'])),
    scale: values.scale,
    statistics: values.statistics,
    keepSeed: values['keep-seed'],
    reader: values.reader,
    rfis: Math.round(positive('rfis', values.rfis)),
    messagesPerRfi: Math.round(positive('messages-per-rfi', values['messages-per-rfi'])),
    batch: Math.round(positive('batch', values.batch)),
    reseed: values.reseed,
    seedOnly: values['seed-only'],
    unseed: values.unseed,
    deepOffset: values['deep-offset']
      ? Math.round(positive('deep-offset', values['deep-offset']))
      : null,
    out: values.out ?? null,
  };
}
