// `npm run chaos [-- --short] [--cluster] [--commands N] [--faults a,b] [--keep] [--build] [--summary FILE]`: two instances of
// every app on a system of its own (profile `chaos`: broker 29092, PostgreSQL 25432, gateways
// 3500 and 3510), a steady retried load through both gateways, faults injected meanwhile, then
// checks from the databases and the topics that nothing accepted was lost, doubled or reordered.
// Exit status 0 when every check passes, 1 when one fails, 2 on a usage error. README, "Chaos run".
import path from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { parseArgs } from 'node:util';
import { build } from '../../infra/scripts/lib/stack.mjs';
import { step } from '../../infra/scripts/lib/log.mjs';
import { requireProjectNode } from '../../infra/scripts/lib/runtime.mjs';
import { bringUp, chaosSettings, gatewayUrls, resetState, tearDown } from './lib/cluster.mjs';
import { RetryingClient } from './lib/client.mjs';
import { CLUSTER_PLAN, FAULT_NAMES, FULL_PLAN, runFaults, SHORT_PLAN } from './lib/faults.mjs';
import { runLoad, USERS } from './lib/load.mjs';
import { runChecks, settle } from './lib/checks.mjs';
import { printReport, writeResult, writeSummary } from './lib/report.mjs';

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      short: { type: 'boolean', default: false },
      // A three-node Kafka cluster (replication factor 3, min.insync.replicas 2) instead of one
      // broker, and the cluster's faults by default.
      cluster: { type: 'boolean', default: false },
      commands: { type: 'string' },
      concurrency: { type: 'string' },
      faults: { type: 'string' },
      keep: { type: 'boolean', default: false },
      build: { type: 'boolean', default: false },
      // Where `npm test` reads this run's counts: each check and each fault of the plan is one.
      summary: { type: 'string' },
    },
    strict: true,
  }));
  if (options.faults)
    for (const f of options.faults.split(','))
      if (f && !FAULT_NAMES.includes(f))
        throw new Error(`unknown fault ${f}; known: ${FAULT_NAMES}`);
} catch (error) {
  console.error(
    `${error.message}\nusage: npm run chaos -- [--short] [--cluster] [--commands N] [--concurrency N] [--faults ${FAULT_NAMES.join(',')}] [--keep] [--build] [--summary FILE]`,
  );
  process.exit(2);
}

requireProjectNode();
const mode = `${options.short ? 'short' : 'full'}${options.cluster ? '-cluster' : ''}`;
const target = Number(options.commands ?? (options.short ? 300 : 10_000));
const concurrency = Number(options.concurrency ?? 8);
const plan = options.faults
  ? options.faults.split(',').filter(Boolean)
  : options.cluster
    ? CLUSTER_PLAN
    : options.short
      ? SHORT_PLAN
      : FULL_PLAN;
const password = process.env.DEMO_PASSWORD ?? 'bp-demo-password';
const settings = chaosSettings({ cluster: options.cluster });
const startedAt = new Date().toISOString();
const t0 = Date.now();
const timings = {};
let failed = true;
/** Checks and faults passed and failed; a run that broke off before its checks counts one failed. */
let summary = { passed: 0, failed: 1 };
try {
  if (options.build) build();
  await resetState(settings);
  await bringUp(settings);
  timings.startMs = Date.now() - t0;

  const client = new RetryingClient(gatewayUrls(settings));
  const tokens = {};
  for (const user of USERS) tokens[user] = await client.token(user, password);
  step(
    `Load: at least ${target} commands, ${concurrency} at a time, faults: ${plan.join(', ') || 'none'}`,
  );
  const loadStarted = Date.now();
  let loadDone = false;
  // The load goes on until `target` is reached and every fault of the plan is repaired, and then
  // for one share of the load more, so that each fault is met under load and the system is seen
  // working after the last; a fault's repair may take longer than the load's share before it.
  const share = Math.round(target / (plan.length + 1));
  let faultsOver = plan.length === 0;
  let acceptedAtLastRepair = 0;
  const enough = () =>
    faultsOver && client.accepted.length >= Math.max(target, acceptedAtLastRepair + share);
  const progress = setInterval(
    () =>
      step(
        `  ${client.accepted.length} accepted, ${client.stats.retries} retries, ${client.failures.length} failed attempts`,
      ),
    10_000,
  );
  const [, faults] = await Promise.all([
    runLoad(client, tokens, { enough, concurrency, log: (line) => step(`  ${line}`) }).finally(
      () => {
        loadDone = true;
      },
    ),
    runFaults(settings, client, plan, { target, isDone: () => loadDone }).finally(() => {
      faultsOver = true;
      acceptedAtLastRepair = client.accepted.length;
    }),
  ]);
  clearInterval(progress);
  timings.loadMs = Date.now() - loadStarted;
  step(`Load done: ${client.accepted.length} accepted in ${(timings.loadMs / 1000).toFixed(1)} s`);

  timings.settleSeconds = await settle(settings);
  const checkStarted = Date.now();
  const checks = await runChecks(settings, client);
  timings.checkMs = Date.now() - checkStarted;
  timings.totalMs = Date.now() - t0;
  const skipped = plan
    .filter((id) => !faults.some((fault) => fault.id === id))
    .map((id) => `${id}: not injected, the load broke off first`);
  printReport({ mode, startedAt, timings, client, faults, checks, skipped });
  const file = writeResult(path.join(settings.runDir, 'results'), {
    mode,
    startedAt,
    target,
    concurrency,
    plan,
    timings,
    stats: client.stats,
    accepted: client.accepted.length,
    refused: client.refused,
    abandoned: client.abandoned,
    faults,
    verdicts: checks.verdicts,
    events: checks.events,
  });
  step(`Result kept in ${file}; logs in ${settings.logDir}`);
  // A fault not carried out proves nothing about it: the run fails, as for a failed check.
  const faultsMissed = skipped.length + faults.filter((fault) => fault.error).length;
  if (faultsMissed) step(`${faultsMissed} fault(s) of the plan not carried out: the run fails`);
  const checksFailed = checks.verdicts.filter((verdict) => !verdict.ok).length;
  failed = faultsMissed + checksFailed > 0;
  summary = {
    passed: checks.verdicts.length - checksFailed + faults.filter((fault) => !fault.error).length,
    failed: checksFailed + faultsMissed,
  };
} catch (error) {
  console.error(`\nChaos run failed: ${error.stack ?? error.message}`);
} finally {
  if (options.summary) writeSummary(options.summary, summary);
  if (!options.keep) await tearDown(settings).catch((error) => console.error(error.message));
}
process.exit(failed ? 1 : 0);
