// Loaded into an app process by `npm run bench:profile` (profile.mjs) with NODE_OPTIONS=--require,
// never by the apps themselves. It does nothing until SIGWINCH (not SIGUSR2: Nest's
// enableShutdownHooks() shuts the app down on that; SIGWINCH is ignored by default, so a stray one
// harms nothing). Then it starts V8's CPU profiler and counts the SQL statements the process sends;
// the next SIGWINCH stops both and writes <BENCH_PROFILE_DIR>/<BENCH_PROFILE_NAME>-<n>.cpuprofile
// and, last, <name>-<n>.json (CPU time of the process and of its main thread, GC pauses, event-loop
// use, the statements). A window opened and closed around one load run, rather than --cpu-prof from
// start to exit, keeps start-up, preparation and idle time out of the profile.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');
const { performance, PerformanceObserver } = require('node:perf_hooks');

const dir = process.env.BENCH_PROFILE_DIR;
const name = process.env.BENCH_PROFILE_NAME || `pid${process.pid}`;
const intervalUs = Number(process.env.BENCH_PROFILE_INTERVAL_US || 1000);

let window = null;
let session = null;
let sequence = 0;
const statements = new Map();

/** Statement text without literals, so one statement with other values counts as the same. */
function shape(text) {
  return String(text ?? '(no text)')
    .replace(/\s+/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "'?'")
    .replace(/\b\d+\b/g, '0')
    .replace(/\$\d+(?:, ?\$\d+)+/g, '$n…')
    .trim();
}

/** Wraps pg's Client#query: the ORM (knex) and any raw pool send every statement through it. */
function countStatements() {
  let pg;
  try {
    pg = require('pg');
  } catch {
    return;
  }
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(config, ...rest) {
    if (!window) return query.call(this, config, ...rest);
    // Raw text here, shaped when the window closes: the count must cost next to nothing.
    const text = typeof config === 'string' ? config : config && config.text;
    const key = `${this.database}\t${text}`;
    let entry = statements.get(key);
    if (!entry) statements.set(key, (entry = { count: 0, ms: 0 }));
    entry.count += 1;
    const started = performance.now();
    const done = () => {
      entry.ms += performance.now() - started;
    };
    const last = rest.length - 1;
    if (typeof rest[last] === 'function') {
      const callback = rest[last];
      rest[last] = function timedCallback(...results) {
        done();
        return callback.apply(this, results);
      };
      return query.call(this, config, ...rest);
    }
    const result = query.call(this, config, ...rest);
    if (result && typeof result.then === 'function') result.then(done, done);
    return result;
  };
}

/** utime + stime in ms from a /proc stat line (clock ticks of 10 ms). */
function procCpuMs(file) {
  try {
    const stat = fs.readFileSync(file, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const gc = new PerformanceObserver((list) => {
  if (!window) return;
  for (const entry of list.getEntries()) {
    window.gcCount += 1;
    window.gcMs += entry.duration;
  }
});

function start() {
  statements.clear();
  session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  session.post('Profiler.start');
  gc.observe({ entryTypes: ['gc'] });
  window = {
    startedAt: new Date().toISOString(),
    wallStart: performance.now(),
    cpu: process.cpuUsage(),
    threadMs: procCpuMs('/proc/thread-self/stat'),
    elu: performance.eventLoopUtilization(),
    gcCount: 0,
    gcMs: 0,
  };
}

function stop() {
  const open = window;
  const cpu = process.cpuUsage(open.cpu);
  const threadMs = procCpuMs('/proc/thread-self/stat');
  const elu = performance.eventLoopUtilization(open.elu);
  const wallMs = performance.now() - open.wallStart;
  window = null;
  gc.disconnect();
  session.post('Profiler.stop', (error, result) => {
    sequence += 1;
    const base = path.join(dir, `${name}-${sequence}`);
    if (!error) fs.writeFileSync(`${base}.cpuprofile`, JSON.stringify(result.profile));
    const shaped = new Map();
    for (const [key, entry] of statements) {
      const at = key.indexOf('\t');
      const database = key.slice(0, at);
      const text = shape(key.slice(at + 1));
      const row = shaped.get(`${database}\t${text}`) ?? { database, text, count: 0, ms: 0 };
      row.count += entry.count;
      row.ms += entry.ms;
      shaped.set(`${database}\t${text}`, row);
    }
    const sql = [...shaped.values()]
      .map((row) => ({ ...row, ms: Math.round(row.ms) }))
      .sort((a, b) => b.count - a.count);
    const summary = {
      name,
      pid: process.pid,
      startedAt: open.startedAt,
      wallMs: Math.round(wallMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      cpuUserMs: Math.round(cpu.user / 1000),
      mainThreadCpuMs: open.threadMs === null ? null : threadMs - open.threadMs,
      eventLoopUtilization: Math.round(elu.utilization * 1000) / 1000,
      gcCount: open.gcCount,
      gcMs: Math.round(open.gcMs),
      samplingIntervalUs: intervalUs,
      profileError: error ? error.message : null,
      sql,
    };
    fs.writeFileSync(`${base}.json`, JSON.stringify(summary, null, 1));
    session.disconnect();
    session = null;
  });
}

if (dir) {
  countStatements();
  process.on('SIGWINCH', () => (window ? stop() : start()));
}
