import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { KafkaConnection } from '@bp/messaging';

const execFileAsync = promisify(execFile);

/** Repo root, and the addresses the test profile uses (set by global-setup.mjs). */
export const ROOT = path.resolve(__dirname, '../..');
export const KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
export const DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const GATEWAY_PORT = 3300;
/** Where the test gateway is scraped: never its public port. */
export const GATEWAY_METRICS_PORT = 3400;

/** The test profile's broker principals' passwords, written by infra/scripts at first start. */
export const KAFKA_CREDENTIALS_DIR = path.join(ROOT, '.run/test/credentials/kafka');

/**
 * The test broker as a principal: `admin` (a super user, what the test harness uses to create and
 * inspect topics) by default, or an app's own (`gateway`, `rfi-service`, ...) to test its ACLs.
 */
export function kafkaConnection(principal = 'admin'): KafkaConnection {
  const password = fs.readFileSync(path.join(KAFKA_CREDENTIALS_DIR, principal), 'utf8').trim();
  return { brokers: KAFKA_BROKERS, sasl: { username: principal, password } };
}

/** The environment an app entry point started by a test needs to reach the broker as itself. */
export function kafkaEnvironment(principal: string): Record<string, string> {
  return {
    KAFKA_BROKERS: KAFKA_BROKERS.join(','),
    KAFKA_SASL_USERNAME: principal,
    KAFKA_SASL_PASSWORD_FILE: path.join(KAFKA_CREDENTIALS_DIR, principal),
  };
}
export const SERVICE_PORTS = {
  'rfi-service': 3401,
  'deployment-service': 3402,
  'knowledge-exchange-service': 3403,
  'notification-service': 3404,
  'reporting-service': 3405,
};

/** Asynchronous on purpose: a blocked event loop cannot reap the processes these scripts stop. */
async function runScript(script: string, args: string[]): Promise<void> {
  try {
    await execFileAsync(process.execPath, [path.join(ROOT, 'infra/scripts', script), ...args], {
      cwd: ROOT,
      env: { ...process.env, BP_PROFILE: 'test' },
      timeout: 180_000,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `${script} ${args.join(' ')} failed: ${String(error)}\n${stdout ?? ''}\n${stderr ?? ''}`,
    );
  }
}

/** The real broker of the test profile: stopped and started as a process, not simulated. */
export const broker = {
  async stop(): Promise<void> {
    await runScript('kafka.mjs', ['stop', 'test']);
    // A broker this machine's scripts did not start cannot be stopped here; a test that needs an
    // outage must not pass against a broker that is still up.
    const stillUp = await runScript('kafka.mjs', ['status', 'test']).then(
      () => true,
      () => false,
    );
    if (stillUp)
      throw new Error(
        'The test broker is still up after stop: it was not started by infra/scripts',
      );
  },
  start: () => runScript('kafka.mjs', ['start', 'test']),
};

/**
 * The PostgreSQL primary and streaming standby of the test profile (DATABASE_STANDBY=on,
 * infra/scripts/standby.mjs): real servers, the standby a base backup that streams the primary's
 * WAL. The machine's server takes no replication connections, so the pair is the scripts' own.
 */
export const standbyPair = {
  primaryUrl: 'postgres://postgres@127.0.0.1:15440/postgres',
  standbyUrl: 'postgres://postgres@127.0.0.1:15441/postgres',
  start: () => runScript('standby.mjs', ['start', '--profile', 'test']),
  stop: () => runScript('standby.mjs', ['stop', '--profile', 'test']),
};

/** Real app processes from dist/, e.g. `rfi-service` or `gateway@2` (a second gateway instance). */
export const apps = {
  start: (...names: string[]) => runScript('apps.mjs', ['start', ...names, '--profile', 'test']),
  /** Starts instances with settings of their own over the test profile's, e.g. a low rate limit. */
  startWith: (env: Record<string, string>, ...names: string[]) =>
    runScript('apps.mjs', [
      'start',
      ...names,
      '--profile',
      'test',
      ...Object.entries(env).flatMap(([name, value]) => ['--env', `${name}=${value}`]),
    ]),
  stop: (...names: string[]) => runScript('apps.mjs', ['stop', ...names, '--profile', 'test']),
  /**
   * What a spec file says in its teardown: its special instances (`gateway@2`, an app started with
   * settings of its own) stop, the shared ones keep running for the next file. A test that needs an
   * app gone (an outage) says `stop`.
   */
  release: (...names: string[]) =>
    runScript('apps.mjs', ['release', ...names, '--profile', 'test']),
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
