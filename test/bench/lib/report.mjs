// What the bench prints and keeps: the machine, a table per path, the apps' memory, and the same
// as JSON under test/bench/results/ (gitignored) for RESULTS.md to quote.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../results');

export function machine() {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    freeGiB: Math.round(os.freemem() / 2 ** 30),
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

function status(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]);
    return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

/** RSS (and peak RSS) of every app `npm start` keeps a pid file for (infra/scripts/lib/processes.mjs). */
export function appMemory(runDir, extra = {}) {
  const dir = path.join(runDir, 'pids');
  const memory = {};
  for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (!file.endsWith('.pid')) continue;
    const pid = Number(fs.readFileSync(path.join(dir, file), 'utf8'));
    const figures = status(pid);
    if (figures) memory[file.slice(0, -4)] = { pid, ...figures };
  }
  for (const [name, pid] of Object.entries(extra)) {
    const figures = pid && status(pid);
    if (figures) memory[name] = { pid, ...figures };
  }
  return memory;
}

const fixed = (value, digits = 1) =>
  value === null || value === undefined ? '-' : value.toFixed(digits);

export function printRuns(rows) {
  const header = [
    'round',
    'path',
    'req/s',
    'p50 ms',
    'p99 ms',
    'non-2xx',
    '429',
    'sock err',
    'timeouts',
    'bare req/s',
    '× bare',
  ];
  const lines = rows.map((row) => [
    String(row.round),
    row.path,
    fixed(row.rps),
    String(row.p50),
    String(row.p99),
    String(row.non2xx),
    String(row.tooMany),
    String(row.socketErrors),
    String(row.timeouts),
    fixed(row.bareRps),
    fixed(row.ratio, 3),
  ]);
  printTable(header, lines);
}

export function printMemory(memory) {
  printTable(
    ['process', 'pid', 'RSS MiB', 'peak MiB'],
    Object.entries(memory).map(([name, m]) => [
      name,
      String(m.pid),
      String(m.rssMiB),
      String(m.peakMiB),
    ]),
  );
}

function printTable(header, lines) {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...lines.map((line) => line[i].length)),
  );
  const format = (cells) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
}

/** Mean requests/s and ratio, worst p99, all errors, per path over the rounds. */
export function perPath(rows) {
  const paths = [...new Set(rows.map((row) => row.path))];
  return paths.map((name) => {
    const runs = rows.filter((row) => row.path === name);
    const mean = (pick) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
    return {
      path: name,
      rps: Math.round(mean((run) => run.rps) * 10) / 10,
      p50: Math.round(mean((run) => run.p50)),
      p99: Math.max(...runs.map((run) => run.p99)),
      non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
      tooMany: runs.reduce((sum, run) => sum + run.tooMany, 0),
      socketErrors: runs.reduce((sum, run) => sum + run.socketErrors, 0),
      timeouts: runs.reduce((sum, run) => sum + run.timeouts, 0),
      bareRps: Math.round(mean((run) => run.bareRps ?? 0) * 10) / 10,
      ratio: Math.round(mean((run) => run.ratio ?? 0) * 1000) / 1000,
      round: 'all',
    };
  });
}

export function writeResult(file, result) {
  const target =
    file ??
    path.join(
      RESULTS_DIR,
      `${new Date().toISOString().replace(/[:.]/g, '-')}${result.options.scale ? '-scale' : ''}.json`,
    );
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, `${JSON.stringify(result, null, 2)}\n`);
  return target;
}
