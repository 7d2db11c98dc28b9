// A single-node Apache Kafka broker (KRaft) from the jars on Maven Central, for machines without
// Docker. The broker version is pinned in infra/kafka/pom.xml; the jars are cached outside the repo.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import kafkajs from 'kafkajs';
import { ROOT } from './settings.mjs';
import {
  isAlive,
  portIsOpen,
  readPid,
  spawnDetached,
  stopProcess,
  tail,
  waitFor,
} from './processes.mjs';
import { step } from './log.mjs';
import { ensureSecret } from './secrets.mjs';

const POM = path.join(ROOT, 'infra/kafka/pom.xml');

export function pinnedKafkaVersion() {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(fs.readFileSync(POM, 'utf8'));
  if (!match) throw new Error('infra/kafka/pom.xml names no kafka.version');
  return match[1];
}

/** Fetches the broker and its runtime dependencies once; later runs take them from the cache. */
export function ensureBrokerJars(settings) {
  const version = pinnedKafkaVersion();
  const libs = path.join(settings.kafka.cacheDir, version, 'libs');
  const marker = path.join(libs, '.complete');
  if (fs.existsSync(marker)) return libs;
  step(
    `Fetching Apache Kafka ${version} from Maven Central (once; cached in ${path.dirname(libs)})`,
  );
  const staging = `${libs}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  execFileSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      POM,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${staging}`,
      '-DincludeScope=runtime',
    ],
    { stdio: 'inherit' },
  );
  fs.writeFileSync(path.join(staging, '.complete'), version);
  fs.rmSync(libs, { recursive: true, force: true });
  fs.renameSync(staging, libs);
  return libs;
}

/**
 * A java launcher argument file (`java @file`), 0600: what it holds (passwords) is in no process
 * listing. Every argument is quoted, as the launcher's file syntax wants.
 */
export function writeArgFile(file, args) {
  const quoted = args.map((arg) => `"${arg.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  fs.writeFileSync(file, `${quoted.join('\n')}\n`, { mode: 0o600 });
}

export function java() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** The password of a broker principal (an app's, `admin` or `controller`), created at first use. */
export function kafkaSecret(settings, principal) {
  return ensureSecret(settings, 'kafka', principal);
}

/** Every SCRAM principal of the broker: the admin and one per app, named as the app. */
export function scramPrincipals(settings) {
  return [settings.kafka.adminPrincipal, ...settings.apps.map((app) => app.name)];
}

/** A kafkajs client configuration for the broker as `principal` (the admin unless said). */
export function kafkaClient(settings, clientId, principal = settings.kafka.adminPrincipal) {
  return {
    clientId,
    brokers: settings.kafka.brokers.split(','),
    sasl: {
      mechanism: 'scram-sha-512',
      username: principal,
      password: kafkaSecret(settings, principal).value,
    },
  };
}

export function renderServerProperties(settings) {
  const template = fs.readFileSync(
    path.join(ROOT, 'infra/kafka/server.properties.template'),
    'utf8',
  );
  const values = {
    KAFKA_PORT: settings.kafka.port,
    KAFKA_CONTROLLER_PORT: settings.kafka.controllerPort,
    KAFKA_LISTEN_HOST: '127.0.0.1',
    KAFKA_ADVERTISED_HOST: '127.0.0.1',
    KAFKA_DATA_DIR: dataDir(settings),
    KAFKA_ADMIN_PRINCIPAL: settings.kafka.adminPrincipal,
    KAFKA_ADMIN_PASSWORD: kafkaSecret(settings, settings.kafka.adminPrincipal).value,
    KAFKA_CONTROLLER_PASSWORD: kafkaSecret(settings, 'controller').value,
  };
  const rendered = template.replace(/\$\{(\w+)\}/g, (_, key) => String(values[key]));
  const file = path.join(settings.kafka.stateDir, 'server.properties');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // It holds the admin's and the controller's passwords: a new 0600 file, renamed into place.
  const staged = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(staged, rendered, { mode: 0o600 });
  fs.renameSync(staged, file);
  return file;
}

const dataDir = (settings) => path.join(settings.kafka.stateDir, 'data');
const logDirOf = (settings) => path.join(settings.kafka.stateDir, 'logs');

const fingerprint = (secret) => crypto.createHash('sha256').update(secret).digest('hex');
const credentialsMarker = (settings) => path.join(dataDir(settings), 'bp-admin-credential.sha256');

/**
 * A log dir formatted with other admin credentials than this checkout's is of no use to it: its
 * SCRAM users are another checkout's, or it predates the authenticated broker. The test profile's
 * broker is disposable and formatted afresh; a dev broker's data is another checkout's to keep.
 */
function checkDataDirCredentials(settings) {
  if (!fs.existsSync(path.join(dataDir(settings), 'meta.properties'))) return;
  const ours = fingerprint(kafkaSecret(settings, settings.kafka.adminPrincipal).value);
  const marker = credentialsMarker(settings);
  const theirs = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : undefined;
  if (theirs === ours) return;
  if (theirs === undefined || settings.profile === 'test') {
    step(
      theirs === undefined
        ? `The broker's log dir ${dataDir(settings)} predates the authenticated broker: formatting it afresh (its topics and offsets are dropped)`
        : `The test broker's log dir was set up with other credentials: formatting it afresh`,
    );
    fs.rmSync(dataDir(settings), { recursive: true, force: true });
    return;
  }
  throw new Error(
    `The broker log dir ${dataDir(settings)} was set up with other admin credentials than ` +
      `${kafkaSecret(settings, settings.kafka.adminPrincipal).file} (another checkout's). Start it from that ` +
      `checkout, or remove the folder to begin with an empty broker.`,
  );
}

function formatStorage(settings, libs, propertiesFile) {
  checkDataDirCredentials(settings);
  if (fs.existsSync(path.join(dataDir(settings), 'meta.properties'))) return;
  fs.mkdirSync(dataDir(settings), { recursive: true });
  // A cluster id is 16 random bytes in URL-safe base64, as Kafka's own random-uuid prints.
  const clusterId = crypto.randomBytes(16).toString('base64url');
  step(`Formatting KRaft log dir ${dataDir(settings)}`);
  const argFile = path.join(settings.kafka.stateDir, `format-${process.pid}.args`);
  writeArgFile(argFile, [
    '-cp',
    `${libs}/*`,
    'kafka.tools.StorageTool',
    'format',
    // One argument, not two: an id may start with '-', which the tool would take for an option.
    `--cluster-id=${clusterId}`,
    '-c',
    propertiesFile,
    '--standalone',
    // SCRAM credentials live in the cluster metadata; these bootstrap them with the log dir.
    ...scramPrincipals(settings).flatMap((principal) => [
      '--add-scram',
      `SCRAM-SHA-512=[name=${principal},password=${kafkaSecret(settings, principal).value}]`,
    ]),
  ]);
  try {
    execFileSync(java(), [`@${argFile}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    fs.rmSync(argFile, { force: true });
  }
  rememberAdminCredential(settings);
}

/** Notes in the log dir whose admin password its SCRAM users were set up with (a hash of it). */
export function rememberAdminCredential(settings) {
  fs.writeFileSync(
    credentialsMarker(settings),
    fingerprint(kafkaSecret(settings, settings.kafka.adminPrincipal).value),
  );
}

/**
 * Ready means this checkout's admin can sign in and list topics, not merely that the port is open.
 * `principal` probes another principal's credentials the same way.
 */
export async function isBrokerUp(settings, timeoutMs = 3_000, principal = undefined) {
  const kafka = new kafkajs.Kafka({
    ...kafkaClient(settings, 'bp-infra-probe', principal),
    logLevel: kafkajs.logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Whether anything accepts connections on the broker's port (whoever it lets in). */
export function brokerPortOpen(settings) {
  return portIsOpen('127.0.0.1', settings.kafka.port);
}

/** Starts the broker unless one already answers at the configured address. */
export async function startBroker(settings) {
  if (await isBrokerUp(settings)) {
    step(`Kafka already running at ${settings.kafka.brokers}; reusing it`);
    return { reused: true };
  }
  const running = isAlive(readPid(settings.kafka.stateDir, 'kafka'));
  if (!running && (await brokerPortOpen(settings)))
    throw new Error(
      `Something answers at ${settings.kafka.brokers} but does not let this checkout's admin in ` +
        `(${kafkaSecret(settings, settings.kafka.adminPrincipal).file}): a broker started elsewhere, or one ` +
        `from before the broker required SASL. Stop it, or set KAFKA_PORT to use another port.`,
    );
  if (running) {
    step('Kafka process found but not answering yet; waiting');
  } else {
    const libs = ensureBrokerJars(settings);
    // The broker's folder holds its config with the admin's password and its log dir with every
    // principal's SCRAM verifiers: this user's alone.
    fs.mkdirSync(settings.kafka.stateDir, { recursive: true, mode: 0o700 });
    fs.chmodSync(settings.kafka.stateDir, 0o700);
    const propertiesFile = renderServerProperties(settings);
    formatStorage(settings, libs, propertiesFile);
    const logDir = logDirOf(settings);
    step(
      `Starting Apache Kafka ${pinnedKafkaVersion()} (KRaft, single node) at ${settings.kafka.brokers}`,
    );
    spawnDetached(
      settings.kafka.stateDir,
      'kafka',
      java(),
      [
        `-Xmx${settings.kafka.heap}`,
        `-Xms${settings.kafka.heap}`,
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        '-Djava.awt.headless=true',
        `-Dkafka.logs.dir=${logDir}`,
        `-Dlog4j2.configurationFile=${path.join(ROOT, 'infra/kafka/log4j2.properties')}`,
        '-cp',
        `${libs}/*`,
        'kafka.Kafka',
        propertiesFile,
      ],
      { env: process.env, logFile: path.join(logDir, 'stdout.log') },
    );
  }
  const logDir = logDirOf(settings);
  await waitFor('Kafka', () => isBrokerUp(settings), {
    timeoutMs: 90_000,
    intervalMs: 500,
    onTimeout: () =>
      `${tail(path.join(logDir, 'stdout.log'))}\n${tail(path.join(logDir, 'server.log'))}`,
  });
  step('Kafka is ready');
  return { reused: false };
}

export async function stopBroker(settings) {
  const stopped = await stopProcess(settings.kafka.stateDir, 'kafka', { graceMs: 30_000 });
  if (stopped) step('Kafka stopped');
  return stopped;
}
