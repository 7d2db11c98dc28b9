// Brings up what the apps need (Kafka, PostgreSQL, databases and schemas, topics) and the apps.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { appEnv, databaseRoleEnv, databaseRoleNames, ROOT } from './settings.mjs';
import { provisionDatabaseRoles } from './database-roles.mjs';
import { brokerPortOpen, startBroker, stopBroker } from './kafka.mjs';
import { ensureKafkaAccess } from './kafka-access.mjs';
import { dropAppDatabases, ensurePostgres } from './postgres.mjs';
import { startStandbyPair } from './postgres-standby.mjs';
import { ensureTopics } from './topics.mjs';
import { isAlive, readPid, spawnDetached, stopProcess, tail, waitFor } from './processes.mjs';
import { step } from './log.mjs';

export function build() {
  step('Compiling TypeScript (apps and libs)');
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsc-alias/dist/bin/index.js'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
}

export async function infraUp(settings) {
  // Roles and databases before any migration: the migrations run as each database's owner role.
  const [broker] = await Promise.all([
    startBroker(settings),
    (settings.postgres.standbyPair
      ? startStandbyPair(settings.postgres.standbyPair)
      : ensurePostgres(settings)
    ).then(() => provisionDatabaseRoles(settings)),
  ]);
  // The test broker is disposable: formatted afresh (first run, or another checkout's before), it
  // holds none of the events the test databases were built from, and a projection rebuilt from
  // its topics would disagree with them. Its databases start afresh with it.
  if (settings.profile === 'test' && broker.formatted) {
    const dropped = await dropAppDatabases(settings);
    step(`The test broker started empty: ${dropped.length} test databases made afresh`);
    await provisionDatabaseRoles(settings);
  }
  await ensureTopics(settings);
  await ensureKafkaAccess(settings);
  migrate(settings);
  seedDemoAccounts(settings);
}

/**
 * admin, secretariat and fp-<code> for every party, with DEMO_PASSWORD (README). As the gateway's
 * runtime role (appEnv), which may insert accounts and audit lines.
 */
export function seedDemoAccounts(settings, args = []) {
  const gateway = settings.gateway;
  execFileSync(process.execPath, [path.join(ROOT, 'dist/apps/gateway/src/seed.js'), ...args], {
    env: appEnv(settings, gateway),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/**
 * Applies each service's migrations once, before any replica starts, as the database's owner
 * role, which then grants the runtime role its rights (DATABASE_APP_ROLE).
 */
export function migrate(settings) {
  for (const app of settings.apps.filter((candidate) => candidate.migrate)) {
    const roles = databaseRoleNames(app);
    execFileSync(process.execPath, [app.migrate], {
      env: appEnv(settings, app, {
        ...databaseRoleEnv(settings, roles.owner),
        DATABASE_APP_ROLE: roles.app,
      }),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
}

export function appLogFile(settings, name) {
  return path.join(settings.logDir, `${name}.log`);
}

/**
 * A young generation of 16 MB semi-spaces. The apps allocate small, short-lived objects per
 * request; with 4 MB nurseries they scavenged three to four times as often, and GC took 8 to 15 %
 * of each app under load. Measured in three A/B pairs (test/bench/RESULTS.md, session 19): 11 to
 * 49 % more requests a second on every path, for 20 to 40 MB more at the peak; what an app keeps
 * after a burst is given back once it is quiet. `--expose-gc` lets it do that
 * (releaseMemoryWhenIdle in @bp/observability; test/bench/RESULTS.md).
 */
const NODE_FLAGS = ['--max-semi-space-size=16', '--expose-gc'];

/**
 * Starts an app instance unless it already runs with the same settings of its own (`env`, over the
 * profile's) and the same build: one that runs with other settings, or code since rebuilt, is
 * stopped and started again, so that a caller never silently gets an instance configured for
 * somebody else (e.g. a test's low rate limit) or yesterday's code.
 */
export async function startApp(settings, app, { name = app.name, env = {} } = {}) {
  const wanted = settingsKey(settings, env, app);
  if (isAlive(readPid(settings.runDir, name))) {
    if (startedWith(settings, name) === wanted) {
      step(`${name} already running`);
      return;
    }
    step(`${name} runs with other settings: restarting it`);
    await stopApps(settings, [name]);
  }
  // No --enable-source-maps: it keeps every module's map in memory, about 45 MB per app, and the
  // compiled JS in dist/ reads close to its TypeScript. NODE_OPTIONS=--enable-source-maps turns it
  // back on for a debugging session (npm start passes the environment on).
  spawnDetached(settings.runDir, name, process.execPath, [...NODE_FLAGS, app.entry], {
    env: appEnv(settings, app, env),
    logFile: appLogFile(settings, name),
  });
  fs.writeFileSync(settingsFile(settings, name), wanted);
}

/**
 * Whether an instance runs as the profile's own, shared one: the primary instance of its app with
 * no settings of its own. Anything else (`gateway@2`, a service with a test's settings) is
 * somebody's special instance.
 */
export function runsAsShared(settings, name) {
  const app = settings.apps.find((candidate) => candidate.name === name);
  return app !== undefined && startedWith(settings, name) === settingsKey(settings, {}, app);
}

/**
 * The settings of its own an instance runs with, a digest of what the profile sets in its
 * environment (a profile's setting changed: restarted) and the build of its code. The build is
 * the compiler's build-info file: tsc rewrites only the outputs that changed, so an app's entry
 * file keeps its time while a library under it, or another of its files, was rebuilt.
 */
const settingsKey = (settings, env, app) =>
  JSON.stringify({
    env: Object.fromEntries(Object.entries(env).sort()),
    environment: createHash('sha256')
      .update(JSON.stringify(profileEntries(appEnv(settings, app, env))))
      .digest('hex'),
    build: buildStamp(app),
  });
/** What the profile sets, not what the caller's own environment passes through. */
const profileEntries = (environment) =>
  Object.entries(environment)
    .filter(([key, value]) => process.env[key] !== value)
    .sort(([a], [b]) => a.localeCompare(b));
const BUILD_INFO = path.join(ROOT, 'dist/.tsbuildinfo.build');
const buildStamp = (app) => {
  const built = [BUILD_INFO, app.entry].find((file) => fs.existsSync(file));
  return built ? fs.statSync(built).mtimeMs : null;
};
const settingsFile = (settings, name) =>
  path.join(settings.runDir, 'pids', `${name}.settings.json`);
/** What a running instance was started with; unknown for one started before this was recorded. */
function startedWith(settings, name) {
  try {
    return fs.readFileSync(settingsFile(settings, name), 'utf8');
  } catch {
    return null;
  }
}

export async function waitForHttp(url, name, settings, timeoutMs = 60_000) {
  await waitFor(
    `${name} (${url})`,
    async () => {
      const pid = readPid(settings.runDir, name);
      if (pid && !isAlive(pid))
        throw new Error(`${name} exited:\n${tail(appLogFile(settings, name), 40)}`);
      return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
    },
    { timeoutMs, intervalMs: 300, onTimeout: () => tail(appLogFile(settings, name), 40) },
  );
}

export async function stopApps(settings, names = settings.apps.map((app) => app.name)) {
  await Promise.all(
    names.map(async (name) => {
      await stopProcess(settings.runDir, name, { graceMs: 15_000 });
      fs.rmSync(settingsFile(settings, name), { force: true });
    }),
  );
}

/**
 * A clean slate for `npm test`: no postings, requests or consumer offsets left from an earlier run,
 * so every run starts from the same state, as CI does. Only a broker these scripts started is
 * wiped; a foreign one is left alone (and said so).
 */
export async function resetTestState(settings) {
  if (settings.profile !== 'test') throw new Error('Only the test profile is ever reset');
  await stopApps(settings);
  const ours = Boolean(readPid(settings.kafka.stateDir, 'kafka'));
  if ((await brokerPortOpen(settings)) && !ours) {
    step(
      `Kafka at ${settings.kafka.brokers} was not started by these scripts: keeping its topics and offsets`,
    );
  } else {
    await stopBroker(settings);
    fs.rmSync(path.join(settings.kafka.stateDir, 'data'), { recursive: true, force: true });
  }
  // A stopped embedded server keeps its data: start it, or its test databases would outlive the
  // broker's log just wiped, holding projections that no event on the topics supports.
  if (fs.existsSync(path.join(settings.postgres.embeddedDir, 'PG_VERSION')))
    await ensurePostgres(settings);
  const client = new pg.Client({
    connectionString: settings.postgres.url,
    connectionTimeoutMillis: 3_000,
  });
  try {
    await client.connect();
  } catch {
    return; // no server and no embedded data: nothing to reset
  }
  try {
    const { rows } = await client.query(
      `select datname from pg_database where datname like 'bp\\_%\\_test' or datname like 'bp\\_%\\_it'`,
    );
    for (const { datname } of rows)
      await client.query(`drop database if exists "${datname}" with (force)`);
    step(`Test databases reset (${rows.length})`);
  } finally {
    await client.end();
  }
}
