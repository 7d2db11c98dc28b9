// What `npm run bench:profile` counts around a profiled run besides the profiles: messages
// written to every Kafka topic (end offsets), transactions and rows of the apps' databases
// (pg_stat_database) and the CPU time of every process of the system (apps, broker, PostgreSQL
// backends of those databases), so a request's cost outside the two profiled apps is seen too.
import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { readPid } from '../../../infra/scripts/lib/processes.mjs';
import { kafkaClient } from '../../../infra/scripts/lib/kafka.mjs';

/** utime + stime of a process in ms, from /proc (clock ticks of 10 ms). */
export function cpuMsOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** `databases`: whose tables are counted too (pg_stat_user_tables), e.g. the profiled apps'. */
export async function openCounters(settings, tableDatabases = []) {
  const kafka = new Kafka({
    ...kafkaClient(settings, 'bench-profile'),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const db = new pg.Client({ connectionString: settings.postgres.url });
  await db.connect();
  const databases = settings.apps.map((app) => app.database);
  const tableClients = [];
  for (const name of tableDatabases) {
    const url = new URL(settings.postgres.url);
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    tableClients.push([name, client]);
  }

  async function tableStats() {
    const result = {};
    for (const [name, client] of tableClients) {
      const { rows } = await client.query(
        `select relname, seq_scan, seq_tup_read, idx_scan, idx_tup_fetch, n_tup_ins, n_tup_upd,
                n_tup_del from pg_stat_user_tables`,
      );
      for (const { relname, ...row } of rows)
        for (const [key, value] of Object.entries(row))
          result[`${name}.${relname} ${key}`] = Number(value);
    }
    return result;
  }

  async function offsets() {
    const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
    const result = {};
    for (const topic of topics)
      result[topic] = (await admin.fetchTopicOffsets(topic)).reduce(
        (sum, partition) => sum + Number(partition.high),
        0,
      );
    return result;
  }

  async function databaseStats() {
    const { rows } = await db.query(
      `select datname, xact_commit + xact_rollback as xacts, tup_returned, tup_fetched,
              tup_inserted, tup_updated, tup_deleted
         from pg_stat_database where datname = any($1)`,
      [databases],
    );
    return Object.fromEntries(
      rows.map(({ datname, ...row }) => [
        datname,
        Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])),
      ]),
    );
  }

  /** CPU ms per process of the system: the apps' pid files, the broker, the databases' backends. */
  async function processCpu() {
    const result = {};
    const pids = path.join(settings.runDir, 'pids');
    for (const file of fs.readdirSync(pids).filter((name) => name.endsWith('.pid')))
      result[file.slice(0, -4)] = cpuMsOf(readPid(settings.runDir, file.slice(0, -4)));
    result.kafka = cpuMsOf(readPid(settings.kafka.stateDir, 'kafka'));
    const { rows } = await db.query(
      `select pid, datname from pg_stat_activity where datname = any($1) and pid <> pg_backend_pid()`,
      [databases],
    );
    for (const { pid, datname } of rows) result[`pg:${datname}:${pid}`] = cpuMsOf(pid);
    return result;
  }

  return {
    /** CPU only: taken as the profiles close, before the apps spend CPU writing them. */
    cpu: processCpu,
    async snapshot() {
      return {
        at: Date.now(),
        offsets: await offsets(),
        databases: await databaseStats(),
        cpu: await processCpu(),
        tables: await tableStats(),
      };
    },
    async close() {
      await admin.disconnect();
      await db.end();
      for (const [, client] of tableClients) await client.end();
    },
  };
}

/** after − before, per key; keys missing on one side (a new backend) count from zero. */
function delta(before, after) {
  const result = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === null) continue;
    const diff = value - (before[key] ?? 0);
    if (diff) result[key] = diff;
  }
  return result;
}

export function countersDelta(before, after) {
  const databases = {};
  for (const [name, row] of Object.entries(after.databases))
    databases[name] = delta(before.databases[name] ?? {}, row);
  const cpu = {};
  for (const [name, ms] of Object.entries(delta(before.cpu, after.cpu))) {
    // Backends that existed before the run count their whole delta; a new backend its whole life.
    const key = name.startsWith('pg:') ? `postgres ${name.split(':')[1]}` : name;
    cpu[key] = (cpu[key] ?? 0) + ms;
  }
  return {
    /** The CPU window: from the first snapshot to the CPU reading as the profiles close. */
    seconds: (after.at - before.at) / 1000,
    kafkaMessages: delta(before.offsets, after.offsets),
    tables: delta(before.tables ?? {}, after.tables ?? {}),
    databases,
    cpuMs: cpu,
  };
}
