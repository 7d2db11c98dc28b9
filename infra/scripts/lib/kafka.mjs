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

/**
 * The broker nodes of the profile: one, or a cluster of KAFKA_NODES where each node is a broker
 * and a voter of the KRaft quorum, on ports two apart (the controller's one above the broker's).
 */
export function kafkaNodes(settings) {
  const { nodes, port, controllerPort, stateDir } = settings.kafka;
  if (nodes === 1) return [{ id: 1, port, controllerPort, stateDir }];
  return Array.from({ length: nodes }, (_, n) => ({
    id: n + 1,
    port: port + 2 * n,
    controllerPort: port + 2 * n + 1,
    stateDir: path.join(stateDir, `node-${n + 1}`),
  }));
}

/**
 * What a cluster's node changes in the one template (which Docker Compose renders too): its id,
 * a static quorum of every node's controller, and three copies of everything, two in sync for a
 * write (producers send with acks=all), the internal topics included.
 */
function clusterOverrides(settings, node) {
  const nodes = kafkaNodes(settings);
  const copies = String(settings.kafka.replicationFactor);
  const inSync = String(settings.kafka.minInsyncReplicas);
  return {
    'node.id': String(node.id),
    'controller.quorum.bootstrap.servers': null,
    'controller.quorum.voters': nodes
      .map((voter) => `${voter.id}@127.0.0.1:${voter.controllerPort}`)
      .join(','),
    'offsets.topic.replication.factor': copies,
    'transaction.state.log.replication.factor': copies,
    'transaction.state.log.min.isr': inSync,
    'share.coordinator.state.topic.replication.factor': copies,
    'share.coordinator.state.topic.min.isr': inSync,
    'default.replication.factor': copies,
    'min.insync.replicas': inSync,
    // A replica that was out of sync never becomes leader: no acknowledged write is lost.
    'unclean.leader.election.enable': 'false',
  };
}

/** Sets, replaces (or, with null, drops) `key=value` lines of a properties text. */
export function withProperties(text, overrides) {
  const seen = new Set();
  const lines = text.split('\n').flatMap((line) => {
    const key = /^([\w.-]+)=/.exec(line)?.[1];
    if (!key || !(key in overrides)) return [line];
    seen.add(key);
    return overrides[key] === null ? [] : [`${key}=${overrides[key]}`];
  });
  const added = Object.entries(overrides)
    .filter(([key, value]) => !seen.has(key) && value !== null)
    .map(([key, value]) => `${key}=${value}`);
  return [...lines, ...added].join('\n');
}

export function renderServerProperties(settings, node = kafkaNodes(settings)[0]) {
  const template = fs.readFileSync(
    path.join(ROOT, 'infra/kafka/server.properties.template'),
    'utf8',
  );
  const values = {
    KAFKA_PORT: node.port,
    KAFKA_CONTROLLER_PORT: node.controllerPort,
    KAFKA_LISTEN_HOST: '127.0.0.1',
    KAFKA_ADVERTISED_HOST: '127.0.0.1',
    KAFKA_DATA_DIR: dataDir(node),
    KAFKA_ADMIN_PRINCIPAL: settings.kafka.adminPrincipal,
    KAFKA_ADMIN_PASSWORD: kafkaSecret(settings, settings.kafka.adminPrincipal).value,
    KAFKA_CONTROLLER_PASSWORD: kafkaSecret(settings, 'controller').value,
  };
  const single = template.replace(/\$\{(\w+)\}/g, (_, key) => String(values[key]));
  const rendered =
    settings.kafka.nodes > 1 ? withProperties(single, clusterOverrides(settings, node)) : single;
  const file = path.join(node.stateDir, 'server.properties');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // It holds the admin's and the controller's passwords: a new 0600 file, renamed into place.
  const staged = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(staged, rendered, { mode: 0o600 });
  fs.renameSync(staged, file);
  return file;
}

const dataDir = (node) => path.join(node.stateDir, 'data');
const logDirOf = (node) => path.join(node.stateDir, 'logs');

const fingerprint = (secret) => crypto.createHash('sha256').update(secret).digest('hex');
const credentialsMarker = (node) => path.join(dataDir(node), 'bp-admin-credential.sha256');

/**
 * A log dir formatted with other admin credentials than this checkout's is of no use to it: its
 * SCRAM users are another checkout's, or it predates the authenticated broker. The test profile's
 * broker is disposable and formatted afresh; a dev broker's data is another checkout's to keep.
 */
function checkDataDirCredentials(settings, node) {
  if (!fs.existsSync(path.join(dataDir(node), 'meta.properties'))) return;
  const ours = fingerprint(kafkaSecret(settings, settings.kafka.adminPrincipal).value);
  const marker = credentialsMarker(node);
  const theirs = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : undefined;
  if (theirs === ours) return;
  if (theirs === undefined || settings.profile === 'test') {
    step(
      theirs === undefined
        ? `The broker's log dir ${dataDir(node)} predates the authenticated broker: formatting it afresh (its topics and offsets are dropped)`
        : `The test broker's log dir was set up with other credentials: formatting it afresh`,
    );
    fs.rmSync(dataDir(node), { recursive: true, force: true });
    return;
  }
  throw new Error(
    `The broker log dir ${dataDir(node)} was set up with other admin credentials than ` +
      `${kafkaSecret(settings, settings.kafka.adminPrincipal).file} (another checkout's). Start it from that ` +
      `checkout, or remove the folder to begin with an empty broker.`,
  );
}

/**
 * The id every node of the cluster is formatted with: made once and kept beside the nodes' folders
 * (a single broker makes its own at each format).
 */
function clusterId(settings) {
  if (settings.kafka.nodes === 1) return crypto.randomBytes(16).toString('base64url');
  const file = path.join(settings.kafka.stateDir, 'cluster-id');
  const anyFormatted = kafkaNodes(settings).some((node) =>
    fs.existsSync(path.join(dataDir(node), 'meta.properties')),
  );
  if (!anyFormatted || !fs.existsSync(file))
    fs.writeFileSync(file, crypto.randomBytes(16).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

/** Formats the node's log dir unless it holds this checkout's: true when it did (an empty broker). */
function formatStorage(settings, node, libs, propertiesFile, id) {
  checkDataDirCredentials(settings, node);
  if (fs.existsSync(path.join(dataDir(node), 'meta.properties'))) return false;
  fs.mkdirSync(dataDir(node), { recursive: true });
  step(`Formatting KRaft log dir ${dataDir(node)}`);
  const argFile = path.join(node.stateDir, `format-${process.pid}.args`);
  writeArgFile(argFile, [
    '-cp',
    `${libs}/*`,
    'kafka.tools.StorageTool',
    'format',
    // A cluster id is 16 random bytes in URL-safe base64, as Kafka's own random-uuid prints. One
    // argument, not two: an id may start with '-', which the tool would take for an option.
    `--cluster-id=${id}`,
    '-c',
    propertiesFile,
    // A single node is its own quorum; a cluster's voters are named in its configuration.
    ...(settings.kafka.nodes === 1 ? ['--standalone'] : []),
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
  rememberAdminCredential(settings, node);
  return true;
}

/** Notes in the log dir whose admin password its SCRAM users were set up with (a hash of it). */
export function rememberAdminCredential(settings, node = kafkaNodes(settings)[0]) {
  fs.writeFileSync(
    credentialsMarker(node),
    fingerprint(kafkaSecret(settings, settings.kafka.adminPrincipal).value),
  );
}

/**
 * Ready means this checkout's admin can sign in and list topics, not merely that the port is open;
 * for a cluster, that every node has joined it. `principal` probes another principal's credentials
 * the same way.
 */
export async function isBrokerUp(settings, timeoutMs = 3_000, principal = undefined) {
  const kafka = new kafkajs.Kafka({
    ...kafkaClient(settings, 'bp-infra-probe', principal),
    logLevel: kafkajs.logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: timeoutMs,
    // KafkaJS tries the seed brokers in their order, the next one on a retry: a node may be down.
    retry: { retries: settings.kafka.nodes - 1, initialRetryTime: 100 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    if (settings.kafka.nodes === 1) return true;
    const { brokers } = await admin.describeCluster();
    if (brokers.length !== settings.kafka.nodes) return false;
    // A restarted node is registered a moment before its listener accepts connections: a client
    // that asks it then (the ACL step) is refused.
    const open = await Promise.all(
      kafkaNodes(settings).map((node) => portIsOpen('127.0.0.1', node.port)),
    );
    return open.every(Boolean);
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Whether anything accepts connections on a broker port of the profile (whoever it lets in). */
export async function brokerPortOpen(settings) {
  for (const node of kafkaNodes(settings))
    if (await portIsOpen('127.0.0.1', node.port)) return true;
  return false;
}

/** The process id of a node, or undefined when it has none running. */
export function nodePid(node) {
  return readPid(node.stateDir, 'kafka');
}

/** Starts the broker (or every node of the cluster not running) unless it already answers. */
export async function startBroker(settings) {
  if (await isBrokerUp(settings)) {
    step(`Kafka already running at ${settings.kafka.brokers}; reusing it`);
    return { reused: true };
  }
  const nodes = kafkaNodes(settings);
  const down = nodes.filter((node) => !isAlive(nodePid(node)));
  for (const node of down)
    if (await portIsOpen('127.0.0.1', node.port))
      throw new Error(
        `Something answers at 127.0.0.1:${node.port} but does not let this checkout's admin in ` +
          `(${kafkaSecret(settings, settings.kafka.adminPrincipal).file}): a broker started elsewhere, or one ` +
          `from before the broker required SASL. Stop it, or set KAFKA_PORT to use another port.`,
      );
  if (down.length < nodes.length) step('Kafka process found but not answering yet; waiting');
  let formatted = false;
  if (down.length) {
    const libs = ensureBrokerJars(settings);
    // The broker's folder holds its config with the admin's password and its log dir with every
    // principal's SCRAM verifiers: this user's alone.
    fs.mkdirSync(settings.kafka.stateDir, { recursive: true, mode: 0o700 });
    fs.chmodSync(settings.kafka.stateDir, 0o700);
    const id = clusterId(settings);
    step(
      `Starting Apache Kafka ${pinnedKafkaVersion()} (KRaft, ${
        nodes.length === 1 ? 'single node' : `${down.length} of ${nodes.length} nodes`
      }) at ${settings.kafka.brokers}`,
    );
    for (const node of down) {
      fs.mkdirSync(node.stateDir, { recursive: true, mode: 0o700 });
      const propertiesFile = renderServerProperties(settings, node);
      if (formatStorage(settings, node, libs, propertiesFile, id)) formatted = true;
      spawnNode(settings, node, libs, propertiesFile);
    }
  }
  const logDir = logDirOf(nodes[0]);
  await waitFor('Kafka', () => isBrokerUp(settings), {
    timeoutMs: 90_000 + 30_000 * (nodes.length - 1),
    intervalMs: 500,
    onTimeout: () =>
      `${tail(path.join(logDir, 'stdout.log'))}\n${tail(path.join(logDir, 'server.log'))}`,
  });
  step('Kafka is ready');
  return { reused: false, formatted };
}

function spawnNode(settings, node, libs, propertiesFile) {
  const logDir = logDirOf(node);
  spawnDetached(
    node.stateDir,
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

/** Starts one node of a cluster again (after a fault), and waits until the cluster has it back. */
export async function startNode(settings, node) {
  if (!isAlive(nodePid(node)))
    spawnNode(settings, node, ensureBrokerJars(settings), renderServerProperties(settings, node));
  await waitFor(`Kafka node ${node.id}`, () => isBrokerUp(settings), {
    timeoutMs: 90_000,
    intervalMs: 500,
    onTimeout: () => tail(path.join(logDirOf(node), 'server.log')),
  });
}

export async function stopBroker(settings) {
  // Every node at once: stopped one after another, the last one had lost its quorum, could not
  // finish its controlled shutdown and waited out the whole grace (30 s) before it was killed;
  // together, the three local nodes shut down cleanly in about 6 s (RESULTS.md, "Session 23").
  const outcomes = await Promise.allSettled(
    kafkaNodes(settings).map((node) => stopProcess(node.stateDir, 'kafka', { graceMs: 30_000 })),
  );
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  const stopped = outcomes.some((outcome) => outcome.value);
  if (stopped) step('Kafka stopped');
  return stopped;
}
