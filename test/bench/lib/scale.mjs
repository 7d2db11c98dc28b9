// `--scale`: a million RFIs in the rfi-service's own database, written with set-based SQL
// (scale-seed.sql.mjs) in batches, then vacuumed and analysed as autovacuum would in time.
import { Buffer } from 'node:buffer';
import pg from 'pg';
import { BATCH_SQL, QUESTION_WORDS, SEEDED_RFI, TITLE_WORDS } from './scale-seed.sql.mjs';

export function databaseUrl(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** pg wants exactly the parameters a statement names; each statement of a batch names a subset. */
export function bind(sql, params) {
  const used = [...new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))].sort(
    (a, b) => a - b,
  );
  return [
    sql.replace(/\$(\d+)/g, (_, n) => `$${used.indexOf(Number(n)) + 1}`),
    used.map((n) => params[n - 1]),
  ];
}

export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every focal point's party, user id and username, and the secretariat's id, from the gateway. */
async function accounts(serverUrl, gatewayDatabase) {
  return withClient(databaseUrl(serverUrl, gatewayDatabase), async (client) => {
    const { rows } = await client.query(
      `select id, username, party from user_account
       where role = 'focal_point' and not disabled and party is not null
         and username = 'fp-' || lower(party) order by party`,
    );
    const secretariat = await client.query(
      `select id from user_account where username = 'secretariat'`,
    );
    return { focalPoints: rows, secretariatId: secretariat.rows[0]?.id };
  });
}

export async function seededCount(client) {
  const { rows } = await client.query(
    'select count(*)::int as n from information_request where id between $1 and $2',
    [SEEDED_RFI.low, SEEDED_RFI.high],
  );
  return rows[0].n;
}

/** Deletes every seeded row (ids b5eed0xx), and only those. */
async function deleteSeeded(client) {
  await client.query('begin');
  // Without the foreign-key triggers of this one transaction: rfi_message.assignment_id has no
  // index, so checking each deleted assignment would scan every message. Every row that points
  // at a seeded row is itself seeded, and goes in the same transaction.
  await client.query('set local session_replication_role = replica');
  for (const table of ['rfi_history', 'rfi_history_head', 'rfi_message', 'rfi_assignment'])
    await client.query(`delete from ${table} where rfi_id between $1 and $2`, [
      SEEDED_RFI.low,
      SEEDED_RFI.high,
    ]);
  await client.query('delete from information_request where id between $1 and $2', [
    SEEDED_RFI.low,
    SEEDED_RFI.high,
  ]);
  await client.query('commit');
}

/** `--unseed`: the rfi-service database as it was before --scale (but for what the bench filed). */
export async function unseed({ serverUrl, rfiDatabase }) {
  return withClient(databaseUrl(serverUrl, rfiDatabase), async (client) => {
    const existing = await seededCount(client);
    if (existing) await deleteSeeded(client);
    for (const table of ['information_request', 'rfi_assignment', 'rfi_message', 'rfi_history'])
      await client.query(`vacuum analyze ${table}`);
    return existing;
  });
}

/**
 * Seeds `rfis` RFIs unless that many are there already (`reseed` deletes and starts again).
 * Returns what it did and how long each part took.
 */
export async function seedScale({
  serverUrl,
  rfiDatabase,
  gatewayDatabase,
  rfis,
  messagesPerRfi,
  batch,
  recipientParty,
  reseed,
  log,
}) {
  const { focalPoints, secretariatId } = await accounts(serverUrl, gatewayDatabase);
  const recipientIndex = focalPoints.findIndex((fp) => fp.party === recipientParty) + 1;
  if (!recipientIndex) throw new Error(`No focal point of ${recipientParty} in ${gatewayDatabase}`);
  return withClient(databaseUrl(serverUrl, rfiDatabase), async (client) => {
    const timings = {};
    const existing = await seededCount(client);
    if (existing >= rfis && !reseed) {
      log(`${existing} seeded RFIs already in ${rfiDatabase}: not seeding again (--reseed to)`);
      return { seeded: 0, existing, timings };
    }
    let started = Date.now();
    if (existing) {
      log(`Deleting ${existing} earlier seeded RFIs`);
      await deleteSeeded(client);
      timings.deleteSeconds = (Date.now() - started) / 1000;
    }
    // Session settings only: the server's configuration is left as it is.
    await client.query(`set synchronous_commit = off`);
    await client.query(`set work_mem = '64MB'`);
    await client.query(`set maintenance_work_mem = '512MB'`);
    const newest = new Date(Date.now() - 24 * 3600 * 1000);
    started = Date.now();
    for (let from = 1; from <= rfis; from += batch) {
      const to = Math.min(rfis, from + batch - 1);
      const params = [
        focalPoints.map((fp) => fp.party),
        focalPoints.map((fp) => fp.id),
        focalPoints.map((fp) => fp.username),
        recipientIndex,
        newest,
        from,
        to,
        secretariatId,
        messagesPerRfi,
        TITLE_WORDS,
        QUESTION_WORDS,
      ];
      await client.query('begin');
      for (const sql of BATCH_SQL) await client.query(...bind(sql, params));
      await client.query('commit');
      const seconds = (Date.now() - started) / 1000;
      log(
        `  ${to} / ${rfis} RFIs seeded (${seconds.toFixed(0)} s, ${Math.round(to / seconds)} RFIs/s)`,
      );
    }
    timings.insertSeconds = (Date.now() - started) / 1000;
    started = Date.now();
    for (const table of ['information_request', 'rfi_assignment', 'rfi_message', 'rfi_history'])
      await client.query(`vacuum analyze ${table}`);
    timings.vacuumAnalyzeSeconds = (Date.now() - started) / 1000;
    const sizes = await client.query(
      `select relname as table, n_live_tup::bigint as rows, pg_size_pretty(pg_total_relation_size(relid)) as size
       from pg_stat_user_tables where relname in ('information_request', 'rfi_assignment', 'rfi_message', 'rfi_history')
       order by relname`,
    );
    return { seeded: rfis, existing, timings, tables: sizes.rows };
  });
}

/**
 * A cursor as the API gives it out (libs/persistence keyset-cursor.ts: base64url of
 * [createdAt ISO, id]) for the row `offset` rows down the party's open inbox, and the inbox's size.
 */
export async function deepCursor({ serverUrl, rfiDatabase, party, offset }) {
  return withClient(databaseUrl(serverUrl, rfiDatabase), async (client) => {
    const inbox = `from information_request r where r.status = 'ROUTED' and exists (select 1 from rfi_assignment a
      where a.rfi_id = r.id and a.recipient_party = $1 and a.officer_id is null)`;
    const { rows: count } = await client.query(`select count(*)::int as n ${inbox}`, [party]);
    const at = offset ?? Math.floor(count[0].n / 2);
    const { rows } = await client.query(
      `select r.created_at, r.id ${inbox} order by r.created_at desc, r.id desc offset $2 limit 1`,
      [party, at],
    );
    if (!rows.length) throw new Error(`The inbox of ${party} has only ${count[0].n} open RFIs`);
    const cursor = Buffer.from(
      JSON.stringify([rows[0].created_at.toISOString(), rows[0].id]),
    ).toString('base64url');
    return { cursor, offset: at, inboxSize: count[0].n };
  });
}

/** `count` seeded RFIs routed to the party, spread over the volume: what the read path reads at scale. */
export async function seededSample({ serverUrl, rfiDatabase, party, count }) {
  return withClient(databaseUrl(serverUrl, rfiDatabase), async (client) => {
    const { rows } = await client.query(
      `select a.rfi_id as id, a.id as "assignmentId" from rfi_assignment a
       where a.rfi_id between $2 and $3 and a.recipient_party = $1 and a.officer_id is null
         and (('x' || right(a.rfi_id::text, 8))::bit(32)::int % 997) = 0
       limit $4`,
      [party, SEEDED_RFI.low, SEEDED_RFI.high, count],
    );
    return rows;
  });
}

/**
 * Fresh planner statistics for the tables the read paths use. The bench writes hundreds of rows
 * just before it measures, and on a PostgreSQL without autovacuum (this machine's) a new database
 * is otherwise never analysed: its lists then ran at a third of their speed.
 */
export async function analyzeRfiTables({ serverUrl, rfiDatabase }) {
  await withClient(databaseUrl(serverUrl, rfiDatabase), (client) =>
    client.query('analyze information_request, rfi_assignment, rfi_message, rfi_history'),
  );
}
