// A single-node Apache Kafka broker (KRaft) from the jars on Maven Central, for machines without
// Docker. The broker version is pinned in infra/kafka/pom.xml; the jars are cached outside the repo.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import kafkajs from 'kafkajs';
import { ROOT } from './settings.mjs';
import { isAlive, readPid, spawnDetached, stopProcess, tail, waitFor } from './processes.mjs';
import { step } from './log.mjs';

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

function java() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function renderServerProperties(settings) {
  const template = fs.readFileSync(
    path.join(ROOT, 'infra/kafka/server.properties.template'),
    'utf8',
  );
  const values = {
    KAFKA_PORT: settings.kafka.port,
    KAFKA_CONTROLLER_PORT: settings.kafka.controllerPort,
    KAFKA_DATA_DIR: dataDir(settings),
  };
  const rendered = template.replace(/\$\{(\w+)\}/g, (_, key) => String(values[key]));
  const file = path.join(settings.kafka.stateDir, 'server.properties');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, rendered);
  return file;
}

const dataDir = (settings) => path.join(settings.kafka.stateDir, 'data');
const logDirOf = (settings) => path.join(settings.kafka.stateDir, 'logs');

function formatStorage(settings, libs, propertiesFile) {
  if (fs.existsSync(path.join(dataDir(settings), 'meta.properties'))) return;
  fs.mkdirSync(dataDir(settings), { recursive: true });
  // A cluster id is 16 random bytes in URL-safe base64, as Kafka's own random-uuid prints.
  const clusterId = crypto.randomBytes(16).toString('base64url');
  step(`Formatting KRaft log dir ${dataDir(settings)}`);
  execFileSync(
    java(),
    [
      '-cp',
      `${libs}/*`,
      'kafka.tools.StorageTool',
      'format',
      // One argument, not two: an id may start with '-', which the tool would take for an option.
      `--cluster-id=${clusterId}`,
      '-c',
      propertiesFile,
      '--standalone',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/** Ready means a client can list topics, not merely that the port is open. */
export async function isBrokerUp(brokers, timeoutMs = 3_000) {
  const kafka = new kafkajs.Kafka({
    clientId: 'bp-infra-probe',
    brokers: brokers.split(','),
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

/** Starts the broker unless one already answers at the configured address. */
export async function startBroker(settings) {
  if (await isBrokerUp(settings.kafka.brokers)) {
    step(`Kafka already running at ${settings.kafka.brokers}; reusing it`);
    return { reused: true };
  }
  if (isAlive(readPid(settings.kafka.stateDir, 'kafka'))) {
    step('Kafka process found but not answering yet; waiting');
  } else {
    const libs = ensureBrokerJars(settings);
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
  await waitFor('Kafka', () => isBrokerUp(settings.kafka.brokers), {
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
