// The yardstick of issue 10: a bare Fastify server that inserts one row into PostgreSQL per
// request, with nothing between them. Run as a child process of the bench (`startBareServer`) so it
// does not share an event loop with autocannon; `node bare-server.mjs` alone also works.
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { exitOnStop, forkReady } from './child.mjs';

export const BARE_DATABASE = 'bp_bench';

/** Creates the bench database and table when missing; `serverUrl` is any database on the server. */
export async function prepareBareDatabase(serverUrl) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [
      BARE_DATABASE,
    ]);
    if (!rowCount) await admin.query(`create database ${BARE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(serverUrl);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create table if not exists bench_row (
      id bigint generated always as identity primary key,
      created_at timestamptz not null default now(),
      title text not null,
      payload jsonb not null)`);
    await client.query('truncate bench_row');
  } finally {
    await client.end();
  }
  return url;
}

function databaseUrl(serverUrl) {
  const url = new URL(serverUrl);
  url.pathname = `/${BARE_DATABASE}`;
  return url.toString();
}

/** Starts the server as a child process; resolves with its pid and stop once it listens. */
export function startBareServer({ serverUrl, port, poolSize }) {
  return forkReady(fileURLToPath(import.meta.url), {
    env: {
      BARE_DATABASE_URL: databaseUrl(serverUrl),
      BARE_PORT: String(port),
      BARE_POOL: String(poolSize),
    },
    name: 'bare server',
  });
}

async function serve() {
  const { default: Fastify } = await import('fastify');
  const pool = new pg.Pool({
    connectionString: process.env.BARE_DATABASE_URL,
    max: Number(process.env.BARE_POOL ?? 10),
  });
  const app = Fastify({ logger: false });
  app.post('/rows', async (request, reply) => {
    const body = request.body ?? {};
    const { rows } = await pool.query(
      'insert into bench_row (title, payload) values ($1, $2) returning id, created_at',
      [String(body.title ?? ''), JSON.stringify(body)],
    );
    reply.code(201);
    return { id: rows[0].id, createdAt: rows[0].created_at };
  });
  await app.listen({ host: '127.0.0.1', port: Number(process.env.BARE_PORT ?? 3999) });
  exitOnStop(
    () => app.close(),
    () => pool.end(),
  );
  process.send?.('listening');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  serve().catch((error) => {
    console.error(`bare server: ${error.message}`);
    process.exit(1);
  });
}
