// One place for every port, folder and database name that the start, stop and test commands use.
// Two profiles: `dev` (npm start) and `test` (npm test) never share a broker, a port or a database,
// so the suite can run while the system is up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSecret } from './secrets.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const int = (value, fallback) =>
  value === undefined || value === '' ? fallback : Number.parseInt(value, 10);

/** The admin URL with the password of DATABASE_ADMIN_PASSWORD_FILE (Compose), if one is given. */
function withPasswordFrom(url, passwordFile) {
  if (!passwordFile) return url;
  const withPassword = new URL(url);
  withPassword.password = encodeURIComponent(fs.readFileSync(passwordFile, 'utf8').split('\n')[0]);
  return withPassword.toString();
}

export function loadSettings(profile = process.env.BP_PROFILE ?? 'dev', env = process.env) {
  const test = profile === 'test';
  const runDir = path.join(ROOT, '.run', profile);
  const kafkaPort = int(env.KAFKA_PORT, test ? 19092 : 9092);
  const kafkaNodes = int(env.KAFKA_NODES, 1);
  if (kafkaNodes !== 1 && kafkaNodes < 3)
    throw new Error(
      `KAFKA_NODES must be 1 or at least 3 (a quorum that survives a loss), not ${kafkaNodes}`,
    );
  // DATABASE_STANDBY=on (npm run cluster): a primary and a streaming standby of the scripts' own,
  // on DATABASE_PAIR_PORT and the port after it; the machine's server is not used then.
  const standby = ['on', 'true', '1'].includes(env.DATABASE_STANDBY ?? '');
  const pairPort = int(env.DATABASE_PAIR_PORT, test ? 15440 : 5440);
  const suffix = test ? '_test' : '';
  const servicePortBase = test ? 3400 : 3100;
  const apps = [
    // readsFromStandby: its lists and search (or statistics) read from the standby when there is one.
    {
      name: 'rfi-service',
      database: `bp_rfi${suffix}`,
      port: servicePortBase + 1,
      readsFromStandby: true,
    },
    { name: 'deployment-service', database: `bp_deployment${suffix}`, port: servicePortBase + 2 },
    {
      name: 'knowledge-exchange-service',
      database: `bp_knowledge_exchange${suffix}`,
      port: servicePortBase + 3,
    },
    {
      name: 'notification-service',
      database: `bp_notification${suffix}`,
      port: servicePortBase + 4,
    },
    {
      name: 'reporting-service',
      database: `bp_reporting${suffix}`,
      port: servicePortBase + 5,
      readsFromStandby: true,
    },
    {
      name: 'gateway',
      database: `bp_gateway${suffix}`,
      port: int(env.PORT, test ? 3300 : 3000),
      // Prometheus scrapes the gateway here, never on its public port.
      metricsPort: int(env.METRICS_PORT, test ? 3400 : 3100),
    },
  ].map((app) => ({
    ...app,
    entry: path.join(ROOT, 'dist/apps', app.name, 'src/main.js'),
    migrate: app.database ? path.join(ROOT, 'dist/apps', app.name, 'src/migrate.js') : null,
  }));
  return {
    profile,
    runDir,
    logDir: path.join(runDir, 'logs'),
    credentialsDir: env.BP_CREDENTIALS_DIR ?? path.join(runDir, 'credentials'),
    kafka: {
      port: kafkaPort,
      controllerPort: int(env.KAFKA_CONTROLLER_PORT, kafkaPort + 1),
      // 1: one broker (npm start, npm test). 3 or more: a local KRaft cluster, every node a broker
      // and a voter, node n on port KAFKA_PORT + 2(n-1) and its controller one above (npm run cluster).
      nodes: kafkaNodes,
      brokers:
        env.KAFKA_BROKERS ??
        Array.from({ length: kafkaNodes }, (_, n) => `127.0.0.1:${kafkaPort + 2 * n}`).join(','),
      // A broker belongs to its port on this machine, not to one checkout: any clone can stop and
      // restart the broker it reuses, and two clones never format two log dirs for one port. A
      // cluster's nodes have a folder each under one of their own.
      stateDir:
        env.KAFKA_STATE_DIR ??
        path.join(
          os.homedir(),
          '.cache',
          'bp-channel',
          'brokers',
          kafkaNodes > 1 ? `${kafkaPort}-cluster${kafkaNodes}` : String(kafkaPort),
        ),
      cacheDir: env.KAFKA_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'bp-channel', 'kafka'),
      heap: env.KAFKA_HEAP ?? '512m',
      // Copies of each topic the topics step creates: 1 on the single local broker; a cluster's
      // (Kubernetes, docs/KUBERNETES.md) takes its own, or -1 for the broker's default.
      replicationFactor: int(env.KAFKA_REPLICATION_FACTOR, Math.min(kafkaNodes, 3)),
      // A write is acknowledged (acks=all) once this many copies have it: with three, one broker
      // may be lost without losing or refusing an acknowledged write.
      minInsyncReplicas: kafkaNodes >= 3 ? 2 : 1,
      // The broker's super user: creates topics and ACLs; no app signs in as it.
      adminPrincipal: 'admin',
    },
    postgres: {
      // The admin's URL (a superuser): the scripts provision roles and databases with it; no app
      // process gets it (appEnv, database-roles.mjs).
      url: standby
        ? `postgres://postgres@127.0.0.1:${pairPort}/postgres`
        : withPasswordFrom(
            env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
            env.DATABASE_ADMIN_PASSWORD_FILE,
          ),
      // A standby of that server (DATABASE_READ_URL, or the pair's), for the apps that read there.
      readUrl: standby
        ? `postgres://postgres@127.0.0.1:${pairPort + 1}/postgres`
        : env.DATABASE_READ_URL || null,
      standbyPair: standby ? { dir: path.join(runDir, 'postgres-pair'), port: pairPort } : null,
      embeddedDir: path.join(ROOT, '.run', 'pgdata'),
      // One password file per database role, mode 0600 in a 0700 folder (database-roles.mjs).
      credentialsDir: env.DATABASE_CREDENTIALS_DIR ?? path.join(runDir, 'credentials', 'postgres'),
    },
    apps,
    gateway: apps.find((app) => app.name === 'gateway'),
  };
}

/**
 * The primary and standby pair of a profile (DATABASE_STANDBY=on), whether or not it is the
 * profile's database now: for the commands that start or stop it.
 */
export function standbyPairOf(profile) {
  return loadSettings(profile, { ...process.env, DATABASE_STANDBY: 'on' }).postgres.standbyPair;
}

/** The two roles of an app's database: `<db>_owner` migrates, `<db>_app` is what the app runs as. */
export function databaseRoleNames(app) {
  return { owner: `${app.database}_owner`, app: `${app.database}_app` };
}

/**
 * DATABASE_URL and DATABASE_PASSWORD_FILE for a database role: the admin's server with the role as
 * its user and no password (that is in the role's file, written by database-roles.mjs).
 */
export function databaseRoleEnv(settings, role) {
  return {
    DATABASE_URL: asUser(settings.postgres.url, role),
    DATABASE_PASSWORD_FILE: path.join(settings.postgres.credentialsDir, role),
  };
}

/** A server's URL with `role` as its user and no password. */
function asUser(serverUrl, role) {
  const url = new URL(serverUrl);
  url.username = role;
  url.password = '';
  return url.toString();
}

/** The gateway's addresses of the services' HTTP ports, e.g. RFI_SERVICE_URL. */
function serviceUrls(settings) {
  return Object.fromEntries(
    settings.apps
      .filter((app) => app.name.endsWith('-service'))
      .map((app) => [
        `${app.name
          .replace(/-service$/, '')
          .replaceAll('-', '_')
          .toUpperCase()}_SERVICE_URL`,
        `http://127.0.0.1:${app.port}`,
      ]),
  );
}

/** Environment for one app process of a profile. */
export function appEnv(settings, app, extra = {}) {
  return {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? (settings.profile === 'test' ? 'test' : 'development'),
    // glibc gives each thread that allocates an arena of its own; V8's helper threads then hold
    // tens of MB each that are never given back. Two arenas: the same speed, a smaller process.
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    KAFKA_BROKERS: settings.kafka.brokers,
    // Its own broker principal, named as the app; the password stays in its file.
    KAFKA_SASL_USERNAME: app.name,
    KAFKA_SASL_PASSWORD_FILE: ensureSecret(settings, 'kafka', app.name).file,
    // Each app connects as its database's runtime role, never as the admin.
    ...(app.database
      ? {
          ...databaseRoleEnv(settings, databaseRoleNames(app).app),
          DATABASE_NAME: app.database,
        }
      : { DATABASE_URL: undefined, DATABASE_PASSWORD_FILE: undefined }),
    // The standby, as the same runtime role (a physical replica has the primary's roles).
    DATABASE_READ_URL:
      app.readsFromStandby && settings.postgres.readUrl
        ? asUser(settings.postgres.readUrl, databaseRoleNames(app).app)
        : undefined,
    HTTP_PORT: String(app.port),
    // The gateway creates its key pairs here; services read the command key's public half.
    JWT_KEY_DIR: path.join(settings.runDir, 'keys'),
    ...(app.name === 'gateway'
      ? {
          PORT: String(app.port),
          METRICS_PORT: String(app.metricsPort),
          // Reads and attachments' bytes go straight to the services' HTTP ports (the first
          // instance of each; when it is down, reads go through Kafka to any other).
          ...serviceUrls(settings),
        }
      : {}),
    // Tests wait for timeouts and due times on purpose; short ones keep them quick. Only NORMAL
    // requests fall due in seconds; tests of the other priorities see the real response times.
    // The suite calls as a handful of users from one address: limits it never reaches. The tests
    // of those limits start gateway instances of their own with low ones.
    ...(settings.profile === 'test' && app.name === 'gateway'
      ? {
          SERVICE_TIMEOUT_MS: '3000',
          RATE_LIMIT_REQUESTS: '1000000',
          LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '10000',
          LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
        }
      : {}),
    ...(settings.profile === 'test' && app.name === 'rfi-service'
      ? {
          RFI_RESPONSE_TIMES: 'NORMAL=2s',
          RFI_OVERDUE_SCAN_INTERVAL_MS: '300',
          ATTACHMENT_SWEEP_INTERVAL_MS: '500',
        }
      : {}),
    ...(settings.profile === 'test' && app.name === 'reporting-service'
      ? { EARLY_WARNING_INTERVAL_MS: '500', ALERT_DAILY_LIMIT: '10000' }
      : {}),
    ...extra,
  };
}
