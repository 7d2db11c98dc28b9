// EXPLAIN ANALYZE of queries exactly as the services build them: a service's own compiled query
// class (dist/, built by `npm start`) is handed an EntityManager that only records the SQL, which
// then runs here under EXPLAIN with the same parameters. Two sources: the rfi-service's list and
// search (RfiListQuery, --scale) and the reporting-service's response health (--statistics).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';

const LIST_QUERY = 'dist/apps/rfi-service/src/infrastructure/persistence/rfi-list.query.js';
const REPORTING = 'dist/apps/reporting-service/src';
const RESPONSE_HEALTH_QUERY = `${REPORTING}/infrastructure/persistence/response-health.query.js`;

function compiled(root, file) {
  const require = createRequire(path.join(root, 'package.json'));
  require('reflect-metadata');
  return require(path.join(root, file));
}

/**
 * An EntityManager that records the statements it is given and answers no rows: `captured` is the
 * last one (the query), `setup` what came before it in the same transaction (session settings).
 */
function recorder() {
  const statements = [];
  const em = {
    execute: async (sql, params = []) => {
      statements.push({ sql, params });
      return [];
    },
    transactional: (work) => work(em),
    get captured() {
      return { ...statements.at(-1), setup: statements.slice(0, -1) };
    },
  };
  return em;
}

/** The SQL and parameters RfiListQuery.list sends for `query` (a ListRfisCommand) as `actor`. */
export const RFI_LIST = {
  file: LIST_QUERY,
  async capture(root, actor, query) {
    const { RfiListQuery } = compiled(root, LIST_QUERY);
    const em = recorder();
    await new RfiListQuery().list(em, actor, query, new Date());
    return em.captured;
  },
};

/**
 * The SQL and parameters ResponseHealthQueryRunner.run sends for `query` (a ResponseHealthQuery)
 * as `actor`, with the scope and day window the reporting-service's handler derives from them.
 */
export const RESPONSE_HEALTH = {
  file: RESPONSE_HEALTH_QUERY,
  async capture(root, actor, query) {
    const { ResponseHealthQueryRunner } = compiled(root, RESPONSE_HEALTH_QUERY);
    const { statisticsScopeOf } = compiled(root, `${REPORTING}/domain/statistics-scope.js`);
    const { dayWindow } = compiled(root, `${REPORTING}/application/day-window.js`);
    const em = recorder();
    await new ResponseHealthQueryRunner().run(em, {
      scope: statisticsScopeOf(actor),
      ...dayWindow(query),
      party: query.party ?? null,
      topic: query.topic ?? null,
      groupBy: query.groupBy ?? 'party',
      now: new Date(),
    });
    return em.captured;
  },
};

/** Knex-style `?` placeholders (what em.execute takes) as PostgreSQL's `$n`. */
function positional(sql) {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Plans of the named queries of `source` (`{ name: { actor, query } }`, RFI_LIST by default),
 * written to `file`. `pg_stat_statements` is reported as available or not; it needs
 * shared_preload_libraries, which only a server restart changes, so the bench never sets it.
 */
export async function explainQueries({ root, databaseUrl, queries, file, source = RFI_LIST }) {
  if (!fs.existsSync(path.join(root, source.file)))
    return { skipped: `${source.file} not built (npm start builds it)` };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const plans = {};
  try {
    for (const [name, { actor, query }] of Object.entries(queries)) {
      const { sql, params, setup } = await source.capture(root, actor, query);
      // Twice: the first run warms the cache, the second is the one kept. In a transaction, after
      // the statements the service sends before the query in its transaction (settings).
      let rows;
      for (let run = 0; run < 2; run += 1) {
        await client.query('begin');
        for (const statement of setup)
          await client.query(positional(statement.sql), statement.params);
        ({ rows } = await client.query(`explain (analyze, buffers) ${positional(sql)}`, params));
        await client.query('commit');
      }
      plans[name] = {
        as: actor.username,
        query,
        setup: setup.map((statement) => statement.sql),
        sql,
        params,
        plan: rows.map((row) => row['QUERY PLAN']).join('\n'),
      };
    }
    const preload = (await client.query('show shared_preload_libraries')).rows[0]
      .shared_preload_libraries;
    const available = (
      await client.query(`select 1 from pg_available_extensions where name = 'pg_stat_statements'`)
    ).rowCount;
    plans.pgStatStatements = preload.includes('pg_stat_statements')
      ? 'loaded'
      : available
        ? 'installed but not in shared_preload_libraries (needs a server restart): not used'
        : 'not installed';
  } finally {
    await client.end();
  }
  const text = Object.entries(plans)
    .map(([name, entry]) =>
      typeof entry === 'string'
        ? `-- pg_stat_statements: ${entry}`
        : `-- ${name}, as ${entry.as}: ${JSON.stringify(entry.query)}\n` +
          entry.setup.map((sql) => `${sql};\n`).join('') +
          `${entry.sql}\n-- parameters: ${JSON.stringify(entry.params)}\n\n${entry.plan}\n`,
    )
    .join('\n');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${text}\n`);
  return { file, plans };
}
