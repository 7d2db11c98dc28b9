// `--statistics`: a million requests in the reporting-service's read model (report_request,
// report_assignment), written with set-based SQL (statistics-seed.sql.mjs) in batches as --scale
// writes the rfi-service's tables, then analysed; and the response-health queries it measures.
import { createRequire } from 'node:module';
import path from 'node:path';
import { bind, databaseUrl, withClient } from './scale.mjs';
import { REPORT_BATCH_SQL, SEEDED_REPORT } from './statistics-seed.sql.mjs';

const REFERENCE = 'dist/libs/reference/src/index.js';
const TABLES = ['report_request', 'report_assignment', 'report_health_cell'];
const DAY_MS = 86_400_000;

/**
 * How often each party files or receives, as a lottery of party indexes (1-based): the states on
 * the Silk Routes and in the Western Balkans 3 tickets, other EU states 2, other states 1, the
 * organisations 0.5 (scaled to 1,000 tickets). Topics likewise, smuggling the most common.
 */
const TOPIC_WEIGHTS = {
  SMUGGLING_OF_MIGRANTS: 25,
  TRAFFICKING_IN_HUMAN_BEINGS: 15,
  DOCUMENT_FRAUD: 15,
  RETURN_READMISSION: 12,
  BORDER_MANAGEMENT: 12,
  ASYLUM: 10,
  REINTEGRATION: 6,
  LEGAL_PATHWAYS: 5,
};

function partyWeight(party) {
  if (party.kind === 'ORGANISATION') return 0.5;
  if (party.regions.includes('SILK_ROUTES') || party.regions.includes('WESTERN_BALKANS')) return 3;
  return party.regions.includes('EU') ? 2 : 1;
}

function lottery(weights, tickets = 1000) {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.flatMap((weight, i) =>
    Array(Math.max(1, Math.round((weight / total) * tickets))).fill(i + 1),
  );
}

/** Parties and topics from libs/reference, as `npm start` compiled it. */
function reference(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const { PARTIES, TOPICS } = require(path.join(root, REFERENCE));
  return {
    parties: PARTIES.map((party) => party.code),
    partyLottery: lottery(PARTIES.map(partyWeight)),
    topics: [...TOPICS],
    topicLottery: lottery(TOPICS.map((topic) => TOPIC_WEIGHTS[topic] ?? 5)),
  };
}

async function seededCount(client) {
  const { rows } = await client.query(
    'select count(*)::int as n from report_request where rfi_id between $1 and $2',
    [SEEDED_REPORT.low, SEEDED_REPORT.high],
  );
  return rows[0].n;
}

/**
 * The seeded rows are written and deleted with the cells' triggers off (one statement each per
 * row would take longer than the seeding), and the cells are then counted afresh from the rows.
 */
const CELLS_OFF = `set bp.health_cells = 'off'`;
const REFILL_CELLS = 'select report_health_refill()';

async function deleteSeeded(client) {
  await client.query(CELLS_OFF);
  await client.query('begin');
  for (const table of ['report_assignment', 'report_request'])
    await client.query(`delete from ${table} where rfi_id between $1 and $2`, [
      SEEDED_REPORT.low,
      SEEDED_REPORT.high,
    ]);
  await client.query(REFILL_CELLS);
  await client.query('commit');
}

/** `--statistics --unseed`, and the end of a `--statistics` run: the read model as it was. */
export async function unseedStatistics({ serverUrl, reportingDatabase }) {
  return withClient(databaseUrl(serverUrl, reportingDatabase), async (client) => {
    const existing = await seededCount(client);
    if (existing) await deleteSeeded(client);
    for (const table of TABLES) await client.query(`vacuum analyze ${table}`);
    return existing;
  });
}

/**
 * Seeds `rfis` requests over `years` years up to an hour ago, unless that many are there already
 * (`reseed` deletes and starts again). Returns what it did, how long each part took and the sizes.
 */
export async function seedStatistics({
  root,
  serverUrl,
  reportingDatabase,
  rfis,
  batch,
  years = 3,
  reseed,
  log,
}) {
  const ref = reference(root);
  return withClient(databaseUrl(serverUrl, reportingDatabase), async (client) => {
    const timings = {};
    const existing = await seededCount(client);
    if (existing >= rfis && !reseed) {
      log(`${existing} seeded requests already in ${reportingDatabase}: not seeding again`);
      return { seeded: 0, existing, timings, tables: await sizes(client) };
    }
    let started = Date.now();
    if (existing) {
      log(`Deleting ${existing} earlier seeded requests`);
      await deleteSeeded(client);
      timings.deleteSeconds = (Date.now() - started) / 1000;
    }
    // Session settings only: the server's configuration is left as it is.
    await client.query(`set synchronous_commit = off`);
    await client.query(`set work_mem = '64MB'`);
    await client.query(CELLS_OFF);
    await client.query('select setseed(0.14)');
    const now = new Date();
    const newest = new Date(now.getTime() - 3600 * 1000);
    const spanSeconds = years * 365.25 * 86400;
    started = Date.now();
    for (let from = 1; from <= rfis; from += batch) {
      const to = Math.min(rfis, from + batch - 1);
      const params = [
        ref.parties,
        ref.partyLottery,
        ref.topics,
        ref.topicLottery,
        newest,
        spanSeconds,
        rfis,
        from,
        to,
        now,
      ];
      await client.query('begin');
      for (const sql of REPORT_BATCH_SQL) await client.query(...bind(sql, params));
      await client.query('commit');
      const seconds = (Date.now() - started) / 1000;
      log(
        `  ${to} / ${rfis} requests seeded (${seconds.toFixed(0)} s, ${Math.round(to / seconds)} requests/s)`,
      );
    }
    timings.insertSeconds = (Date.now() - started) / 1000;
    started = Date.now();
    await client.query(REFILL_CELLS);
    timings.cellsSeconds = (Date.now() - started) / 1000;
    log(`Monthly cells counted afresh (${timings.cellsSeconds.toFixed(0)} s)`);
    started = Date.now();
    for (const table of TABLES) await client.query(`vacuum analyze ${table}`);
    timings.vacuumAnalyzeSeconds = (Date.now() - started) / 1000;
    return { seeded: rfis, existing, timings, tables: await sizes(client) };
  });
}

async function sizes(client) {
  const { rows } = await client.query(
    `select relname as table, n_live_tup::bigint as rows, pg_size_pretty(pg_total_relation_size(relid)) as size
     from pg_stat_user_tables where relname = any($1) order by relname`,
    [TABLES],
  );
  return rows;
}

/** Fresh planner statistics for the read model, as --scale does for the rfi-service's tables. */
export async function analyzeReportTables({ serverUrl, reportingDatabase }) {
  await withClient(databaseUrl(serverUrl, reportingDatabase), (client) =>
    client.query(`analyze ${TABLES.join(', ')}`),
  );
}

const day = (time) => new Date(time).toISOString().slice(0, 10);

/**
 * The response-health queries measured, as `GET /statistics/response-health` takes them, for the
 * day `today` (UTC). `as` is who asks: the reader (secretariat) or the focal point (--recipient).
 */
export function statisticsQueries(today = new Date()) {
  const date = day(today);
  const lastYear = today.getUTCFullYear() - 1;
  const year = { from: `${lastYear}-01-01`, to: `${lastYear}-12-31` };
  const firstMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 35, 1));
  return {
    'health-30d-party': {
      label: 'health, 30 days by party',
      as: 'reader',
      query: { from: day(today.getTime() - 29 * DAY_MS), to: date, groupBy: 'party' },
    },
    'health-year-party': {
      label: `health, ${lastYear} by party`,
      as: 'reader',
      query: { ...year, groupBy: 'party' },
    },
    'health-year-topic': {
      label: `health, ${lastYear} by topic`,
      as: 'reader',
      query: { ...year, groupBy: 'topic' },
    },
    'health-3y-month': {
      label: 'health, 36 months by month',
      as: 'reader',
      query: { from: day(firstMonth), to: date, groupBy: 'month' },
    },
    'health-fp-year': {
      label: `health, ${lastYear}, focal point`,
      as: 'recipient',
      query: { ...year, groupBy: 'party' },
    },
  };
}

export const STATISTICS_PATHS = Object.keys(statisticsQueries());
