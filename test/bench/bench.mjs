// `npm run bench`: issue 10's benchmark, against a system started with `npm start`. It measures the
// project's paths interleaved with a bare Fastify + pg server (A B A B), prints requests/s, p50,
// p99, errors and the ratio to bare per path, the apps' memory, and keeps the same as JSON.
// `--scale` seeds a million RFIs first and measures the read paths against them; `--statistics`
// seeds a million requests into the reporting model and measures response health. README.md here.
import path from 'node:path';
import { loadSettings, ROOT } from '../../infra/scripts/lib/settings.mjs';
import { Api } from './lib/api.mjs';
import { prepareBareDatabase, startBareServer } from './lib/bare-server.mjs';
import { floorPorts, startFloors } from './lib/floors.mjs';
import { explainQueries, RESPONSE_HEALTH } from './lib/explain.mjs';
import { readOptions, usage } from './lib/options.mjs';
import { PATHS, bareTarget, selectPaths } from './lib/paths.mjs';
import {
  appMemory,
  machine,
  perPath,
  printMemory,
  printRuns,
  RESULTS_DIR,
  writeResult,
} from './lib/report.mjs';
import { neighbourBare, runLoad, summarise } from './lib/run.mjs';
import { analyzeRfiTables, deepCursor, seedScale, seededSample, unseed } from './lib/scale.mjs';
import {
  analyzeReportTables,
  seedStatistics,
  statisticsQueries,
  unseedStatistics,
} from './lib/statistics.mjs';

let options;
try {
  options = readOptions();
} catch (error) {
  console.error(`${error.message}\n${usage()}`);
  process.exit(2);
}
if (options.help) {
  console.log(usage());
  process.exit(0);
}
const settings = loadSettings(options.profile);
const database = (name) => settings.apps.find((app) => app.name === name).database;
const log = (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const result = {
  startedAt: new Date().toISOString(),
  machine: machine(),
  options: { ...options, password: undefined },
};

async function checkReady() {
  const response = await fetch(`${options.url}/health/ready`, {
    signal: AbortSignal.timeout(5_000),
  }).catch((error) => ({ ok: false, status: error.message }));
  if (!response.ok)
    throw new Error(
      `The system at ${options.url} is not ready (${response.status}): start it with npm start first`,
    );
}

/** Says before measuring whether the per-user rate limit will cut the runs short. */
async function checkRateLimit(api) {
  const limit = await api.rateLimit(options.recipient);
  result.rateLimit = limit;
  const expected = 3000 * options.duration * (options.rounds + 1);
  if (limit && limit.requests < expected)
    log(
      `WARNING: the gateway allows ${limit.requests} requests per user per ${limit.windowSeconds} s; runs will ` +
        'hit 429. Start the system with RATE_LIMIT_REQUESTS=10000000 npm start (README.md here).',
    );
}

async function prepare(api, paths) {
  const ctx = { url: options.url, q: options.q };
  await api.token(options.requester);
  await api.token(options.recipient);
  ctx.recipientParty = api.me(options.recipient).party;
  const serverUrl = settings.postgres.url;
  if (options.statistics) return prepareStatistics(api, ctx);
  if (options.scale) {
    log(
      `Seeding ${options.rfis} RFIs with ${options.messagesPerRfi} messages each into ${database('rfi-service')}`,
    );
    const started = Date.now();
    result.seed = await seedScale({
      serverUrl,
      rfiDatabase: database('rfi-service'),
      gatewayDatabase: database('gateway'),
      rfis: options.rfis,
      messagesPerRfi: options.messagesPerRfi,
      batch: options.batch,
      recipientParty: ctx.recipientParty,
      reseed: options.reseed,
      log,
    });
    result.seed.totalSeconds = (Date.now() - started) / 1000;
    log(`Seeding done in ${result.seed.totalSeconds.toFixed(0)} s`);
    const deep = await deepCursor({
      serverUrl,
      rfiDatabase: database('rfi-service'),
      party: ctx.recipientParty,
      offset: options.deepOffset,
    });
    Object.assign(ctx, { deepCursor: deep.cursor });
    result.deepPage = { offset: deep.offset, inboxSize: deep.inboxSize };
    log(
      `Open inbox of ${ctx.recipientParty}: ${deep.inboxSize} RFIs; deep page after row ${deep.offset}`,
    );
    await explainInbox(api, ctx);
    if (paths.includes('read'))
      ctx.readPool = await seededSample({
        serverUrl,
        rfiDatabase: database('rfi-service'),
        party: ctx.recipientParty,
        count: options.pool,
      });
  }
  const requesterParty = api.me(options.requester).party;
  if (!ctx.readPool?.length && paths.includes('read')) {
    log(`Preparing ${options.pool} RFIs ${requesterParty} → ${ctx.recipientParty} to read`);
    ctx.readPool = await api.prepareRfis(options.pool, {
      requester: options.requester,
      recipientParty: ctx.recipientParty,
      tag: 'read',
    });
  }
  if (paths.includes('respond')) {
    log(`Preparing ${options.pool} RFIs ${requesterParty} → ${ctx.recipientParty} to respond to`);
    ctx.respondPool = await api.prepareRfis(options.pool, {
      requester: options.requester,
      recipientParty: ctx.recipientParty,
      tag: 'respond',
    });
  }
  return ctx;
}

/** `--statistics`: seed the reporting model (unless seeded), analyse it, EXPLAIN its queries. */
async function prepareStatistics(api, ctx) {
  await api.token(options.reader);
  ctx.today = new Date();
  log(`Seeding ${options.rfis} requests into ${database('reporting-service')}`);
  const started = Date.now();
  result.seed = await seedStatistics({
    root: ROOT,
    serverUrl: settings.postgres.url,
    reportingDatabase: database('reporting-service'),
    rfis: options.rfis,
    batch: options.batch,
    reseed: options.reseed,
    log,
  });
  result.seed.totalSeconds = (Date.now() - started) / 1000;
  log(`Seeding done in ${result.seed.totalSeconds.toFixed(0)} s`);
  log(`Analysing ${database('reporting-service')} for the planner`);
  await analyzeReportTables({
    serverUrl: settings.postgres.url,
    reportingDatabase: database('reporting-service'),
  });
  const users = { reader: options.reader, recipient: options.recipient };
  const measured = Object.entries(statisticsQueries(ctx.today));
  result.statisticsQueries = Object.fromEntries(
    measured.map(([name, { as, query }]) => [name, { as: users[as], query }]),
  );
  await explain({
    database: database('reporting-service'),
    queries: Object.fromEntries(
      measured.map(([name, { as, query }]) => [name, { actor: actorOf(api, users[as]), query }]),
    ),
    source: RESPONSE_HEALTH,
    file: `${stamp}-statistics-explain.txt`,
  });
  return ctx;
}

/** The verified actor the gateway would send for `username` (signed in already). */
function actorOf(api, username) {
  const me = api.me(username);
  return {
    userId: me.id,
    username: me.username,
    role: me.role,
    party: me.party ?? null,
    officerId: me.officerId ?? null,
  };
}

function explainInbox(api, ctx) {
  const actor = actorOf(api, options.recipient);
  return explain({
    database: database('rfi-service'),
    queries: {
      'inbox, first page': { actor, query: { box: 'received', status: 'ROUTED' } },
      'inbox, deep page': {
        actor,
        query: { box: 'received', status: 'ROUTED', cursor: ctx.deepCursor },
      },
      search: { actor, query: { q: options.q } },
    },
    file: `${stamp}-explain.txt`,
  });
}

async function explain({ database: name, queries, source, file }) {
  const explained = await explainQueries({
    root: ROOT,
    databaseUrl: databaseUrl(name),
    queries,
    source,
    file: path.join(RESULTS_DIR, file),
  });
  result.explain = explained.skipped ?? explained.file;
  log(
    explained.skipped
      ? `EXPLAIN skipped: ${explained.skipped}`
      : `EXPLAIN ANALYZE written to ${explained.file}`,
  );
}

function databaseUrl(name) {
  const url = new URL(settings.postgres.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Tokens are refreshed between runs, never during one (sign-in is rate limited per username). */
async function refreshTokens(api, ctx) {
  ctx.tokens = {
    requester: await api.token(options.requester),
    recipient: await api.token(options.recipient),
    ...(options.statistics ? { reader: await api.token(options.reader) } : {}),
  };
}

/**
 * Before each measured run of a path, what autovacuum's auto-analyse does on a production server
 * as tables grow: this machine's server runs without it, and the apps' connections keep plans
 * made for the size a table had when its statistics last changed (RESULTS.md, "Session 23").
 */
function analyseForPlanner() {
  const serverUrl = settings.postgres.url;
  return options.statistics
    ? analyzeReportTables({ serverUrl, reportingDatabase: database('reporting-service') })
    : analyzeRfiTables({ serverUrl, rfiDatabase: database('rfi-service') });
}

/** Round by round: bare, path 1, bare, path 2, ..., bare; each path's ratio uses the bare runs beside it. */
async function measure(api, ctx, paths) {
  const load = { duration: options.duration, connections: options.connections };
  const bare = bareTarget(options.barePort);
  if (options.warmup > 0) {
    log(`Warming up every target for ${options.warmup} s (not measured)`);
    await runLoad(bare, { ...load, duration: options.warmup });
    for (const name of paths) {
      await refreshTokens(api, ctx);
      await runLoad(PATHS[name].target(ctx), { ...load, duration: options.warmup });
    }
  }
  const rows = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    const bareRuns = [];
    const pathRuns = [];
    log(`Round ${round}/${options.rounds}: bare`);
    bareRuns.push(summarise(await runLoad(bare, load)));
    for (const name of paths) {
      await refreshTokens(api, ctx);
      await analyseForPlanner();
      log(`Round ${round}/${options.rounds}: ${name}, then bare`);
      pathRuns.push({ path: name, ...summarise(await runLoad(PATHS[name].target(ctx), load)) });
      bareRuns.push(summarise(await runLoad(bare, load)));
    }
    pathRuns.forEach((run, i) => {
      const bareRps = neighbourBare(bareRuns, i);
      rows.push({ round, ...run, bareRps, ratio: bareRps ? run.rps / bareRps : null });
    });
    rows.push(
      ...bareRuns.map((run, i) => ({
        round,
        path: `(bare ${i + 1})`,
        ...run,
        bareRps: null,
        ratio: null,
      })),
    );
  }
  return rows;
}

async function main() {
  if (options.unseed && options.statistics) {
    const deleted = await unseedStatistics({
      serverUrl: settings.postgres.url,
      reportingDatabase: database('reporting-service'),
    });
    log(`Deleted ${deleted} seeded requests with their assignments from the reporting model`);
    return;
  }
  if (options.unseed) {
    const deleted = await unseed({
      serverUrl: settings.postgres.url,
      rfiDatabase: database('rfi-service'),
    });
    log(`Deleted ${deleted} seeded RFIs with their assignments, messages and history`);
    return;
  }
  await checkReady();
  const api = new Api(options.url, options.password);
  const paths = selectPaths(options.paths, options.scale, options.statistics);
  await checkRateLimit(api);
  // --statistics leaves the reporting model as it found it, unless told to keep the rows.
  const unseedAfter = options.statistics && !options.keepSeed && !options.seedOnly;
  try {
    const ctx = await prepare(api, paths);
    if (options.seedOnly) {
      log(`Result: ${writeResult(resultFile(), result)}`);
      return;
    }
    await measureAndReport(api, ctx, paths);
  } finally {
    if (unseedAfter) {
      log(
        `Deleting the seeded requests from ${database('reporting-service')} (--keep-seed keeps them)`,
      );
      const deleted = await unseedStatistics({
        serverUrl: settings.postgres.url,
        reportingDatabase: database('reporting-service'),
      });
      log(`Deleted ${deleted} seeded requests with their assignments`);
    }
  }
}

function resultFile() {
  const suffix = options.statistics ? '-statistics' : options.scale ? '-scale' : '';
  return options.out ?? path.join(RESULTS_DIR, `${stamp}${suffix}.json`);
}

async function measureAndReport(api, ctx, paths) {
  log(
    `Starting the bare server (Fastify + pg, pool ${options.barePool}) on port ${options.barePort}`,
  );
  const serverUrl = settings.postgres.url;
  const bareDatabase = await prepareBareDatabase(serverUrl);
  const bare = await startBareServer({
    serverUrl,
    port: options.barePort,
    poolSize: options.barePool,
  });
  let floors;
  let rows;
  try {
    const kinds = [...new Set(paths.map((name) => PATHS[name].floor).filter(Boolean))];
    floors = await startFloors(kinds, { settings, bareDatabase, options }, log);
    ctx.floorPorts = floorPorts(options);
    rows = await measure(api, ctx, paths);
    result.memory = appMemory(settings.runDir, { 'bare server': bare.pid, ...floors.pids });
  } finally {
    await floors?.stop();
    await bare.stop();
  }
  result.runs = rows;
  result.paths = perPath(rows.filter((row) => !row.path.startsWith('(bare')));
  result.finishedAt = new Date().toISOString();
  result.machine.loadAverageAfter = machine().loadAverage;

  console.log(
    `\nPer run (${options.connections} connections, ${options.duration} s each; latencies in ms):`,
  );
  printRuns(rows);
  console.log('\nPer path over the rounds (mean req/s, p50 and ratio; worst p99; all errors):');
  printRuns(result.paths);
  console.log('\nMemory after the run (VmRSS, VmHWM from /proc/<pid>/status):');
  printMemory(result.memory);
  const limited = result.paths.filter((row) => row.tooMany > 0);
  if (limited.length)
    console.log(
      `\nRATE LIMITED: ${limited.map((row) => `${row.path} ${row.tooMany}×429`).join(', ')}. These figures ` +
        'measure the limit, not the system: start it with RATE_LIMIT_REQUESTS=10000000 npm start.',
    );
  console.log(`\nResult: ${writeResult(resultFile(), result)}`);
}

main().catch((error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
