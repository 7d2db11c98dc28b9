// `npm run bench:profile`: where the CPU of a request goes (issue 10). On a system started with
// `npm start`, it restarts the gateway and the rfi-service with lib/profile-preload.cjs (only those
// two processes get it, through NODE_OPTIONS), then for each path runs load for --duration seconds
// with a CPU profile of both apps open just around that run, and counts SQL statements, Kafka
// messages, database transactions and every process's CPU time. At the end it restarts both apps
// as they were and writes the profiles and report.txt to test/bench/results/profile-<time>/.
// `node test/bench/profile.mjs --report <dir>` analyses such a folder again. README.md here.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadSettings } from '../../infra/scripts/lib/settings.mjs';
import { startApp, stopApps, waitForHttp } from '../../infra/scripts/lib/stack.mjs';
import { readPid, sleep } from '../../infra/scripts/lib/processes.mjs';
import { Api } from './lib/api.mjs';
import { PATHS } from './lib/paths.mjs';
import { analyzeRfiTables } from './lib/scale.mjs';
import { countersDelta, openCounters } from './lib/profile-counters.mjs';
import { writeReport } from './lib/profile-report.mjs';
import { RESULTS_DIR } from './lib/report.mjs';
import { runLoad, summarise } from './lib/run.mjs';

const { values: flags } = parseArgs({
  options: {
    paths: { type: 'string', default: 'submit,read' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '5' },
    pool: { type: 'string', default: '100' },
    apps: { type: 'string', default: 'gateway,rfi-service' },
    interval: { type: 'string', default: '1000' },
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    requester: { type: 'string', default: 'fp-pak' },
    recipient: { type: 'string', default: 'fp-srb' },
    q: { type: 'string', default: 'smuggling' },
    out: { type: 'string' },
    report: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  console.log(`usage: npm run bench:profile -- [--paths submit,read] [--duration 20] [--connections 50]
  [--warmup 5] [--pool 100] [--q smuggling] [--apps gateway,rfi-service] [--interval 1000 (µs between samples)]
  [--out dir] [--keep (leave the apps running with the preload)] | --report <dir> (analyse again)`);
  process.exit(0);
}
if (flags.report) {
  console.log(writeReport(flags.report));
  process.exit(0);
}

const settings = loadSettings('dev');
const appNames = flags.apps.split(',');
const paths = flags.paths.split(',');
for (const name of paths) {
  if (!PATHS[name]) throw new Error(`Unknown path ${name}`);
  // It runs in processes of its own, not in the apps this profiles.
  if (PATHS[name].floor) throw new Error(`${name} is measured by npm run bench, not profiled`);
}
const outDir = path.resolve(
  flags.out ?? path.join(RESULTS_DIR, `profile-${new Date().toISOString().replace(/[:.]/g, '-')}`),
);
const preload = path.join(import.meta.dirname, 'lib/profile-preload.cjs');
const log = (line) => console.log(`[profile ${new Date().toISOString().slice(11, 19)}] ${line}`);
const appOf = (name) => settings.apps.find((app) => app.name === name);

/** The environment a running app was started with, so that a restart changes nothing else. */
function environmentOf(name) {
  const pid = readPid(settings.runDir, name);
  if (!pid) throw new Error(`${name} is not running: start the system with npm start first`);
  const env = Object.fromEntries(
    fs
      .readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  for (const key of Object.keys(env)) if (key.startsWith('BENCH_PROFILE_')) delete env[key];
  env.NODE_OPTIONS = (env.NODE_OPTIONS ?? '').replace(`--require ${preload}`, '').trim();
  if (!env.NODE_OPTIONS) delete env.NODE_OPTIONS;
  return env;
}

/** Gateway down first and up last, so no request reaches a service that is restarting. */
async function restart(environments, extra) {
  const gatewayFirst = [
    ...appNames.filter((name) => name === 'gateway'),
    ...appNames.filter((name) => name !== 'gateway'),
  ];
  await stopApps(settings, gatewayFirst);
  for (const name of [...gatewayFirst].reverse()) {
    await startApp(settings, appOf(name), { env: { ...environments[name], ...extra(name) } });
    const health = name === 'gateway' ? '/health/ready' : '/health';
    await waitForHttp(`http://127.0.0.1:${appOf(name).port}${health}`, name, settings, 90_000);
  }
}

const signalApps = () =>
  appNames.forEach((name) => process.kill(readPid(settings.runDir, name), 'SIGWINCH'));

async function waitForFiles(files) {
  const deadline = Date.now() + 120_000;
  while (!files.every((file) => fs.existsSync(file))) {
    if (Date.now() > deadline) throw new Error(`No profile written: ${files.join(', ')}`);
    await sleep(200);
  }
}

/**
 * One profiled window: counters before, a profile of each app opened, `work` (load, or nothing for
 * the idle window), the profiles closed, counters after; files named <name>-<app>.*.
 */
async function profiledWindow(name, counters, sequence, work) {
  const before = await counters.snapshot();
  signalApps();
  await sleep(300);
  const load = await work();
  const cpuAtEnd = { cpu: await counters.cpu(), at: Date.now() };
  signalApps();
  const written = appNames.map((app) => path.join(outDir, `${app}-${sequence}`));
  await waitForFiles(written.map((base) => `${base}.json`));
  await sleep(1_500);
  const counted = countersDelta(before, { ...(await counters.snapshot()), ...cpuAtEnd });
  appNames.forEach((app, i) => {
    for (const ext of ['.cpuprofile', '.json'])
      fs.renameSync(`${written[i]}${ext}`, path.join(outDir, `${name}-${app}${ext}`));
  });
  fs.writeFileSync(
    path.join(outDir, `${name}-run.json`),
    JSON.stringify({ path: name, load, counters: counted }, null, 1),
  );
}

async function profilePath(name, api, ctx, counters, sequence) {
  const load = { duration: Number(flags.duration), connections: Number(flags.connections) };
  ctx.tokens = {
    requester: await api.token(flags.requester),
    recipient: await api.token(flags.recipient),
  };
  const target = PATHS[name].target(ctx);
  if (Number(flags.warmup) > 0) {
    log(`${name}: warming up ${flags.warmup} s (not profiled)`);
    await runLoad(target, { ...load, duration: Number(flags.warmup) });
  }
  // As the bench does before each run: without autovacuum (this machine's server) the apps'
  // connections keep plans made for the size a table had when it was last analysed; made on an
  // empty table, they scan it whole for every foreign-key check (RESULTS.md, "Session 23").
  await analyzeRfiTables({
    serverUrl: settings.postgres.url,
    rfiDatabase: appOf('rfi-service').database,
  });
  await sleep(2_000);
  log(`${name}: ${load.duration} s at ${load.connections} connections, profiled`);
  await profiledWindow(name, counters, sequence, async () => {
    const result = await runLoad(target, load);
    // Requests still in flight when autocannon stops are sent and served, but not counted as
    // answered: the window stays open until they are done, and the per-request figures divide
    // by the requests sent.
    const run = { ...summarise(result), sent: result.requests.sent };
    await sleep(Math.min(run.p99 + 1_000, 11_000));
    log(`${name}: ${run.rps} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, non-2xx ${run.non2xx}`);
    return run;
  });
}

async function main() {
  const response = await fetch(`${flags.url}/health/ready`).catch(() => ({ ok: false }));
  if (!response.ok) throw new Error(`The system at ${flags.url} is not ready: npm start first`);
  fs.mkdirSync(outDir, { recursive: true });
  const environments = Object.fromEntries(appNames.map((name) => [name, environmentOf(name)]));
  log(`Restarting ${appNames.join(', ')} with the profiling preload`);
  await restart(environments, (name) => ({
    NODE_OPTIONS: `${environments[name].NODE_OPTIONS ?? ''} --require ${preload}`.trim(),
    BENCH_PROFILE_DIR: outDir,
    BENCH_PROFILE_NAME: name,
    BENCH_PROFILE_INTERVAL_US: flags.interval,
  }));
  const counters = await openCounters(
    settings,
    appNames.map((name) => appOf(name).database),
  );
  try {
    const api = new Api(flags.url, process.env.DEMO_PASSWORD ?? 'bp-demo-password');
    await api.token(flags.requester);
    await api.token(flags.recipient);
    const ctx = { url: flags.url, q: flags.q, recipientParty: api.me(flags.recipient).party };
    if (paths.some((name) => ['read', 'respond'].includes(name))) {
      log(`Preparing ${flags.pool} RFIs to read and answer`);
      const prepared = await api.prepareRfis(Number(flags.pool), {
        requester: flags.requester,
        recipientParty: ctx.recipientParty,
        tag: 'profile',
      });
      Object.assign(ctx, { readPool: prepared, respondPool: prepared });
    }
    log('Profiling the idle system for 10 s (what the processes use without requests)');
    // PostgreSQL 15 flushes an idle backend's statistics up to 10 s late: wait for the preparation's.
    await sleep(11_000);
    await profiledWindow('idle', counters, 1, () => sleep(10_000).then(() => null));
    for (const [i, name] of paths.entries()) await profilePath(name, api, ctx, counters, i + 2);
  } finally {
    await counters.close();
    if (!flags.keep) {
      log(`Restarting ${appNames.join(', ')} as they were`);
      await restart(environments, () => ({}));
    }
  }
  console.log(writeReport(outDir));
}

main().catch((error) => {
  console.error(`bench:profile failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
