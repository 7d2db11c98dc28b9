// The figures of a run: commands, retries, 5xx, recovery per fault, and the checks' verdicts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const seconds = (ms) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);

/**
 * Per fault: the first command accepted after it began, and the last failed attempt before the
 * next fault (how long clients saw errors; "none" when the other instance took over unnoticed).
 */
export function recoveries(faults, client) {
  return faults.map((fault, index) => {
    const until = faults[index + 1]?.at ?? Infinity;
    const firstAccepted = client.accepted.find((a) => a.at >= fault.at);
    const failures = client.failures.filter((f) => f.at >= fault.at && f.at < until);
    const lastFailure = failures.at(-1);
    return {
      ...fault,
      repairSeconds: (fault.repairedAt - fault.at) / 1000,
      firstAcceptedAfterMs: firstAccepted ? firstAccepted.at - fault.at : undefined,
      failedAttempts: failures.length,
      errorWindowMs: lastFailure ? lastFailure.at - fault.at : 0,
      firstAcceptedFirstSentAfterMs: client.accepted.find((a) => a.firstAt >= fault.at)
        ? client.accepted.find((a) => a.firstAt >= fault.at).at - fault.at
        : undefined,
    };
  });
}

/** A cluster fault's own figures: which node, and how long the cluster took to cover for it. */
function clusterMeasures(m) {
  return [
    `node ${m.node}${m.led ? ` (led ${m.led} partitions)` : ''}`,
    ...(m.electedMs !== undefined ? [`new quorum leader in ${seconds(m.electedMs)}`] : []),
    `its partitions led elsewhere in ${seconds(m.leadersMovedMs)}`,
    `back in the cluster ${seconds(m.rejoinedMs)} after its restart`,
    `every replica in sync ${seconds(m.inSyncAfterRestartMs)} after its restart`,
  ].join('; ');
}

export function printReport({ mode, startedAt, timings, client, faults, checks, skipped }) {
  const byKind = {};
  for (const a of client.accepted) byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
  const failureKinds = {};
  for (const f of client.failures) failureKinds[f.kind] = (failureKinds[f.kind] ?? 0) + 1;
  const loadSeconds = timings.loadMs / 1000;
  const lines = [
    '',
    `Chaos run (${mode}), ${startedAt}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}`,
    `  start-up ${seconds(timings.startMs)}, load ${seconds(timings.loadMs)}, settle ${timings.settleSeconds.toFixed(1)} s, checks ${seconds(timings.checkMs)}, total ${seconds(timings.totalMs)}`,
    `  commands accepted   ${client.accepted.length} (${(client.accepted.length / loadSeconds).toFixed(1)}/s): ${Object.entries(
      byKind,
    )
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    `  attempts            ${client.stats.attempts}, retries ${client.stats.retries}`,
    `  failed attempts     5xx ${client.stats.status5xx}, timeouts ${client.stats.timeouts}, connection errors ${client.stats.connectionErrors} (${Object.entries(
      failureKinds,
    )
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ')})`,
    `  refused (4xx)       ${client.refused.length}; given up ${client.abandoned.length}`,
    `  events              ${checks.events.records} records on the event topics, ${checks.events.distinct} distinct, ${checks.events.duplicates} republished duplicates`,
    '  faults (fault → repaired; first accepted after; errors seen by clients until):',
    ...recoveries(faults, client).map(
      (r) =>
        `    ${r.name.padEnd(58)} repaired ${seconds(r.repairSeconds * 1000).padStart(7)}; first accepted ${seconds(r.firstAcceptedAfterMs).padStart(7)} (of a command sent after it: ${seconds(r.firstAcceptedFirstSentAfterMs)}); ${r.failedAttempts} failed attempts, last at +${seconds(r.errorWindowMs)}${r.error ? `; NOT DONE: ${r.error}` : ''}${r.measures ? `\n      ${clusterMeasures(r.measures)}` : ''}`,
    ),
    ...skipped.map((s) => `    SKIPPED: ${s}`),
    '  checks:',
    ...checks.verdicts.flatMap((c) => [
      `    ${c.ok ? 'PASS' : 'FAIL'}  ${c.name}${c.figures ? ` (${c.figures})` : ''}${c.ok ? '' : `: ${c.count} problem(s)`}`,
      ...c.shown.map((s) => `            ${s}`),
    ]),
  ];
  console.log(lines.join('\n'));
}

export function writeResult(dir, result) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.startedAt.replace(/[:.]/g, '-')}-${result.mode}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  return file;
}

/** The counts `npm test` adds to its own (infra/scripts/test.mjs). */
export function writeSummary(file, { passed, failed }) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ passed, failed }));
}
