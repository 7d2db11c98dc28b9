// The text report of `npm run bench:profile` for one results folder: per path, the load, the CPU
// per request of every process, Kafka messages and SQL statements per request, and per profiled
// app the top functions, packages and costs. Profile shares are converted to ms per request with
// the app's main-thread CPU time (from /proc): on a shared machine the sampled wall time also
// holds time spent waiting for a core, the CPU time does not.
import fs from 'node:fs';
import path from 'node:path';
import {
  byCost,
  callersOf,
  frameLabel,
  inclusiveByFunction,
  loadProfile,
  selfByFunction,
  selfByPackage,
  summarise,
  topDown,
} from './profile-analysis.mjs';
import { OPERATION_COSTS, PACKAGE_COSTS } from './profile-costs.mjs';

const fixed = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const percent = (part, whole) => `${((100 * part) / whole).toFixed(1).padStart(5)}%`;

/**
 * `basisMs`: the app's CPU per request from /proc less its idle rate, which also takes out the
 * profiler's own cost (the idle window is profiled too); profile shares are scaled to it.
 */
function appSection(dir, pathName, app, requests, basisMs, lines) {
  const base = path.join(dir, `${pathName}-${app}`);
  if (!fs.existsSync(`${base}.cpuprofile`)) return;
  const meta = JSON.parse(fs.readFileSync(`${base}.json`, 'utf8'));
  const loaded = loadProfile(`${base}.cpuprofile`);
  const totals = summarise(loaded);
  const cpuPerRequest = (meta.mainThreadCpuMs ?? meta.cpuMs) / requests;
  const basis = basisMs > 0 ? basisMs : cpuPerRequest;
  const perRequest = (us) => fixed((us / totals.busyUs) * basis);
  lines.push(
    '',
    `--- ${app} (${pathName}) ---`,
    `CPU per request: ${fixed(meta.cpuMs / requests)} ms process (user ${fixed(meta.cpuUserMs / requests)}, ` +
      `system ${fixed((meta.cpuMs - meta.cpuUserMs) / requests)}), ${fixed(cpuPerRequest)} ms main ` +
      `thread; event-loop use ${meta.eventLoopUtilization}; GC ${meta.gcCount} pauses, ` +
      `${fixed(meta.gcMs / requests)} ms/request`,
    `Profile: ${fixed(totals.totalUs / 1e6, 1)} s sampled, busy ${fixed(totals.busyUs / 1e6, 1)} s ` +
      `(GC ${percent(totals.gcUs, totals.busyUs)}, (program) ${percent(totals.programUs, totals.busyUs)}); ` +
      `main-thread CPU ${fixed((cpuPerRequest * requests) / 1e3, 1)} s, so busy samples are ` +
      `×${fixed(totals.busyUs / 1e3 / (cpuPerRequest * requests), 1)} the CPU time (the rest: waiting for a core). ` +
      `ms/request below = share of busy samples × ${fixed(basis)} ms ` +
      `(${basisMs > 0 ? 'CPU per request less the idle rate' : 'main-thread CPU per request'})`,
    '',
    'Top 15 self time (share of busy, ms/request, function [package]), then the top native/Node ones by caller:',
  );
  for (const row of selfByFunction(loaded).slice(0, 15))
    lines.push(
      `  ${percent(row.us, totals.busyUs)} ${perRequest(row.us).padStart(6)}  ${row.label} [${row.pkg}]`,
    );
  const natives = selfByFunction(loaded)
    .filter((row) => row.pkg === '(V8 builtin)' || row.pkg.startsWith('node:'))
    .slice(0, 5);
  for (const row of natives) {
    lines.push(`  ${row.label}: by nearest caller outside Node/V8`);
    const callers = callersOf(loaded, (node) => frameLabel(node.callFrame) === row.label);
    for (const [caller, us] of callers.slice(0, 5))
      lines.push(`    ${percent(us, totals.busyUs)} ${perRequest(us).padStart(6)}  ${caller}`);
  }
  const raw = selfByPackage(loaded);
  const folded = selfByPackage(loaded, { folded: true });
  lines.push(
    '',
    'Self time by package (raw | Node internals and builtins folded into their caller):',
  );
  for (let i = 0; i < 15; i += 1) {
    const left = raw[i] ? `${percent(raw[i][1], totals.busyUs)} ${raw[i][0]}` : '';
    const right = folded[i]
      ? `${percent(folded[i][1], totals.busyUs)} ${perRequest(folded[i][1]).padStart(6)} ${folded[i][0]}`
      : '';
    lines.push(`  ${left.padEnd(42)} | ${right}`);
  }
  for (const [title, costs] of [
    ['Costs by package group (nearest to the leaf; adds up)', PACKAGE_COSTS],
    ['Operations (inclusive: every sample with the step on its stack)', OPERATION_COSTS],
  ]) {
    const { rows } = byCost(loaded, costs);
    lines.push('', `${title}: share, ms/request (exclusive | inclusive)`);
    for (const row of rows.filter((r) => r.inclusiveUs > 0))
      lines.push(
        `  ${row.label.padEnd(56)} ${percent(row.exclusiveUs, totals.busyUs)} ${perRequest(row.exclusiveUs).padStart(6)} | ` +
          `${percent(row.inclusiveUs, totals.busyUs)} ${perRequest(row.inclusiveUs).padStart(6)}`,
      );
  }
  const statements = meta.sql.reduce((sum, row) => sum + row.count, 0);
  lines.push('', `SQL statements sent: ${fixed(statements / requests)} per request; by statement:`);
  for (const row of meta.sql.slice(0, 25))
    lines.push(
      `  ${fixed(row.count / requests).padStart(6)}/req ${fixed(row.ms / row.count, 1).padStart(6)} ms  ` +
        `${row.database}: ${row.text.slice(0, 150)}`,
    );
  fs.writeFileSync(`${base}.tree.txt`, `${topDown(loaded, { minShare: 0.005 }).join('\n')}\n`);
  const inclusive = inclusiveByFunction(loaded).slice(0, 80);
  fs.writeFileSync(
    `${base}.inclusive.txt`,
    `${inclusive.map(([label, us]) => `${percent(us, totals.busyUs)} ${perRequest(us).padStart(6)}  ${label}`).join('\n')}\n`,
  );
}

export function writeReport(dir) {
  const lines = [`Profiles in ${dir}`];
  const runs = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('-run.json'))
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  // The idle window first: its CPU rate is what the loaded windows are net of.
  runs.sort((a, b) => (a.load ? 1 : 0) - (b.load ? 1 : 0));
  const idle = runs.find((run) => !run.load)?.counters;
  for (const run of runs) {
    const { counters } = run;
    // The idle window has no requests: its figures are per second instead.
    const load = run.load ?? { sent: counters.seconds, requests: 0, seconds: counters.seconds };
    const requests = load.sent;
    const unit = run.load ? 'request' : 'second (idle)';
    // What the process would have used in the same time without requests (polling, timers).
    const net = (name, ms) =>
      ms - ((idle?.cpuMs[name] ?? 0) / (idle?.seconds ?? 1)) * counters.seconds;
    const cpu = Object.entries(counters.cpuMs).sort((a, b) => b[1] - a[1]);
    lines.push(
      '',
      run.load
        ? `=== ${run.path}: ${requests} requests sent, ${load.requests} answered in ${load.seconds} s ` +
            `(${load.rps} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms), non-2xx ${load.non2xx}, ` +
            `errors ${load.socketErrors + load.timeouts}`
        : `=== idle: no requests for ${fixed(counters.seconds, 1)} s; "per request" below means per second`,
      `CPU ms per ${unit}, every process (from /proc, ${fixed(counters.seconds, 1)} s counting window; ` +
        'gross | less the idle rate):',
      ...cpu.map(
        ([name, ms]) =>
          `  ${name.padEnd(28)} ${fixed(ms / requests).padStart(7)} | ${fixed(net(name, ms) / requests).padStart(7)}`,
      ),
      `  ${'total'.padEnd(28)} ${fixed(cpu.reduce((sum, [, ms]) => sum + ms, 0) / requests).padStart(7)} | ` +
        `${fixed(cpu.reduce((sum, [name, ms]) => sum + net(name, ms), 0) / requests).padStart(7)}`,
      `Kafka messages per ${unit}: ${Object.entries(counters.kafkaMessages)
        .map(([topic, count]) => `${topic} ${fixed(count / requests)}`)
        .join(', ')}`,
      `Database counters per ${unit} (pg_stat_database):`,
    );
    for (const [name, row] of Object.entries(counters.databases))
      if (Object.keys(row).length)
        lines.push(
          `  ${name}: ${Object.entries(row)
            .map(([key, value]) => `${key} ${fixed(value / requests)}`)
            .join(', ')}`,
        );
    const tables = Object.entries(counters.tables ?? {}).filter(([, value]) => value > 0);
    if (tables.length)
      lines.push(
        `Table counters per ${unit} (pg_stat_user_tables of the profiled apps' databases):`,
        ...tables
          .sort((a, b) => a[0].localeCompare(b[0]))
          .map(([key, value]) => `  ${key} ${fixed(value / requests)}`),
      );
    for (const file of fs.readdirSync(dir))
      if (file.startsWith(`${run.path}-`) && file.endsWith('.cpuprofile')) {
        const app = file.slice(run.path.length + 1, -11);
        const basisMs =
          run.load && counters.cpuMs[app] ? net(app, counters.cpuMs[app]) / requests : 0;
        appSection(dir, run.path, app, requests, basisMs, lines);
      }
  }
  const text = lines.join('\n');
  fs.writeFileSync(path.join(dir, 'report.txt'), `${text}\n`);
  return text;
}
