// EXPLAIN ANALYZE of the list and search queries exactly as the rfi-service builds them: the
// service's own compiled RfiListQuery (dist/, built by `npm start`) is handed an EntityManager
// that only records the SQL, which then runs here under EXPLAIN with the same parameters.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';

const LIST_QUERY = 'dist/apps/rfi-service/src/infrastructure/persistence/rfi-list.query.js';

/** The SQL and parameters RfiListQuery.list sends for `query` as `actor`. */
async function listSql(root, actor, query) {
  const require = createRequire(path.join(root, 'package.json'));
  require('reflect-metadata');
  const { RfiListQuery } = require(path.join(root, LIST_QUERY));
  let captured;
  const em = {
    execute: async (sql, params) => {
      captured = { sql, params };
      return [];
    },
  };
  await new RfiListQuery().list(em, actor, query, new Date());
  return captured;
}

/** Knex-style `?` placeholders (what em.execute takes) as PostgreSQL's `$n`. */
function positional(sql) {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Plans of the named list queries (`{ name: ListRfisCommand }`) as `actor`, written to `file`.
 * `pg_stat_statements` is reported as available or not; it needs shared_preload_libraries, which
 * only a server restart changes, so the bench never sets it.
 */
export async function explainQueries({ root, databaseUrl, actor, queries, file }) {
  if (!fs.existsSync(path.join(root, LIST_QUERY)))
    return { skipped: `${LIST_QUERY} not built (npm start builds it)` };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const plans = {};
  try {
    for (const [name, query] of Object.entries(queries)) {
      const { sql, params } = await listSql(root, actor, query);
      // Twice: the first run warms the cache, the second is the one kept.
      await client.query(`explain (analyze, buffers) ${positional(sql)}`, params);
      const { rows } = await client.query(`explain (analyze, buffers) ${positional(sql)}`, params);
      plans[name] = { query, sql, plan: rows.map((row) => row['QUERY PLAN']).join('\n') };
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
        : `-- ${name}: ${JSON.stringify(entry.query)}\n${entry.sql}\n\n${entry.plan}\n`,
    )
    .join('\n');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${text}\n`);
  return { file, plans };
}
