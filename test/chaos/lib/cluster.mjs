// The chaos run's own system: a profile `chaos` with ports, broker, PostgreSQL and databases of
// its own (so it never touches `npm start`'s dev system or `npm test`'s test system), and two
// instances of every app. Built on infra/scripts/lib: the same broker, roles, topics, ACLs,
// migrations and demo accounts as `npm start`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadSettings } from '../../../infra/scripts/lib/settings.mjs';
import { infraUp, startApp, stopApps, waitForHttp } from '../../../infra/scripts/lib/stack.mjs';
import { kafkaNodes, nodePid, startBroker, stopBroker } from '../../../infra/scripts/lib/kafka.mjs';
import { dropAppDatabases, ensurePostgres } from '../../../infra/scripts/lib/postgres.mjs';
import { isAlive, readPid, sleep, stopProcess } from '../../../infra/scripts/lib/processes.mjs';
import { step } from '../../../infra/scripts/lib/log.mjs';

export const PORTS = { kafka: 29092, postgres: 25432, base: 3500 };
export const SERVICE_TIMEOUT_MS = 3_000;
const INSTANCES = [1, 2];

/**
 * The `chaos` profile: loadSettings for a profile that is not `test`, moved onto ports and
 * database names of its own. Its PostgreSQL is an embedded one (postgres.mjs) in <tmp>/bp-chaos-postgres
 * on PORTS.postgres, so restarting it disturbs nobody else's databases.
 */
export function chaosSettings({ cluster = false } = {}) {
  const env = { ...process.env };
  // Three nodes on 29092, 29094, 29096 (controllers one above each), or the one broker.
  env.KAFKA_NODES = cluster ? '3' : '1';
  delete env.KAFKA_REPLICATION_FACTOR;
  for (const name of ['KAFKA_BROKERS', 'KAFKA_STATE_DIR', 'BP_CREDENTIALS_DIR']) delete env[name];
  delete env.DATABASE_CREDENTIALS_DIR;
  delete env.DATABASE_ADMIN_PASSWORD_FILE;
  env.KAFKA_PORT = String(PORTS.kafka);
  env.KAFKA_CONTROLLER_PORT = String(PORTS.kafka + 1);
  env.PORT = String(PORTS.base);
  env.DATABASE_URL = `postgres://postgres@127.0.0.1:${PORTS.postgres}/postgres`;
  const settings = loadSettings('chaos', env);
  const apps = settings.apps.map((app, index) => ({
    ...app,
    database: `${app.database}_chaos`,
    port: app.name === 'gateway' ? PORTS.base : PORTS.base + 1 + index,
  }));
  settings.apps = apps;
  settings.gateway = apps.find((app) => app.name === 'gateway');
  // Outside .run (mode 0700): run as root, the server runs as the postgres user, which must reach
  // its data directory (postgres.mjs).
  settings.postgres.embeddedDir = path.join(os.tmpdir(), 'bp-chaos-postgres', 'pgdata');
  return settings;
}

/** Every instance: `<app>-1` on the app's port, `<app>-2` on port + 10 (as infra/scripts/apps.mjs). */
export function instances(settings) {
  return settings.apps.flatMap((app) =>
    INSTANCES.map((n) => ({
      app,
      name: `${app.name}-${n}`,
      port: app.port + (n - 1) * 10,
      gateway: app.name === 'gateway',
    })),
  );
}

export function gatewayUrls(settings) {
  return instances(settings)
    .filter((instance) => instance.gateway)
    .map((instance) => `http://127.0.0.1:${instance.port}`);
}

function instanceEnv(settings, instance) {
  const own = { HTTP_PORT: String(instance.port), LOG_LEVEL: 'info' };
  if (!instance.gateway) return own;
  return {
    ...own,
    PORT: String(instance.port),
    // Scraped apart from the public port; gateways on 3500 and 3510 scrape on 3509 and 3519.
    METRICS_PORT: String(instance.port + 9),
    GATEWAY_INSTANCE_ID: `chaos-gateway-${instance.name.split('-').pop()}`,
    SERVICE_TIMEOUT_MS: String(SERVICE_TIMEOUT_MS),
    // The load signs in as a few users from one address and sends thousands of requests.
    RATE_LIMIT_REQUESTS: '10000000',
    LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '10000',
    JWT_TTL_SECONDS: '7200',
  };
}

export function startInstance(settings, instance) {
  return startApp(
    settings,
    { ...instance.app, port: instance.port },
    { name: instance.name, env: instanceEnv(settings, instance) },
  );
}

export async function waitForInstance(settings, instance, timeoutMs = 90_000) {
  const url = `http://127.0.0.1:${instance.port}${instance.gateway ? '/health/ready' : '/health'}`;
  await waitForHttp(url, instance.name, settings, timeoutMs);
}

export async function startPostgres(settings) {
  await ensurePostgres(settings);
}

/** SIGQUIT: PostgreSQL's immediate shutdown (no checkpoint; crash recovery at the next start). */
export async function stopPostgres(settings, signal = 'SIGINT') {
  await stopProcess(path.dirname(settings.postgres.embeddedDir), 'postgres', {
    signal,
    graceMs: 20_000,
  });
}

async function adminQuery(settings, sql) {
  const client = new pg.Client({ connectionString: settings.postgres.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A clean slate: the chaos broker's log dir and the chaos databases are dropped, so the topics
 * hold exactly this run's events and the checks can compare them with the databases whole.
 */
export async function resetState(settings) {
  await stopApps(
    settings,
    instances(settings).map((instance) => instance.name),
  );
  await stopBroker(settings);
  // Their logs too: a fresh quorum counts its epochs from 1 again, and the cluster faults find
  // the active controller by the highest epoch in the logs (broker-cluster.mjs).
  for (const node of kafkaNodes(settings))
    for (const dir of ['data', 'logs'])
      fs.rmSync(path.join(node.stateDir, dir), { recursive: true, force: true });
  await startPostgres(settings);
  // Ten app processes with pools of up to 10 connections each, and the checks: more than the
  // default 100 connections.
  const [{ max_connections: max }] = await adminQuery(settings, 'show max_connections');
  if (Number(max) < 300) {
    await adminQuery(settings, 'alter system set max_connections = 300');
    await stopPostgres(settings);
    await startPostgres(settings);
  }
  const databases = await dropAppDatabases(settings);
  step(`Chaos state reset (broker log dir, ${databases.length} databases)`);
}

export async function bringUp(settings) {
  await infraUp(settings);
  const all = instances(settings);
  const services = all.filter((instance) => !instance.gateway);
  // Two cores: start the services in two waves, then the gateways, so start-up does not starve.
  for (const wave of [services.slice(0, 4), services.slice(4)]) {
    for (const instance of wave) await startInstance(settings, instance);
    await Promise.all(wave.map((instance) => waitForInstance(settings, instance)));
  }
  step(`Services up: ${services.map((instance) => instance.name).join(', ')}`);
  const gateways = all.filter((instance) => instance.gateway);
  for (const instance of gateways) await startInstance(settings, instance);
  await Promise.all(gateways.map((instance) => waitForInstance(settings, instance)));
  step(
    `Gateways up: ${gateways.map((instance) => `${instance.name}:${instance.port}`).join(', ')}`,
  );
}

export async function tearDown(settings) {
  await stopApps(
    settings,
    instances(settings).map((instance) => instance.name),
  );
  await stopBroker(settings);
  await stopPostgres(settings);
  step('Chaos system stopped');
}

export function kafkaPid(settings) {
  return nodePid(kafkaNodes(settings)[0]);
}

export function instancePid(settings, instance) {
  return readPid(settings.runDir, instance.name);
}

export async function killHard(pid) {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(50);
}

export { startBroker };
