// `npm test`: static checks, unit tests, then integration and end-to-end tests against a real Kafka
// broker and a real PostgreSQL (profile `test`: its own broker port and databases), then two short
// chaos runs (profile `chaos`: a system of its own, two instances of every app, faults under load),
// on one broker and on a three-node cluster. A test broker this run started is stopped before the
// chaos runs; one that was already running is left as it was. BP_SKIP_CHAOS=1 leaves the chaos
// runs out (a quicker local round; CI never does).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadSettings, ROOT, standbyPairOf } from './lib/settings.mjs';
import { isBrokerUp, stopBroker } from './lib/kafka.mjs';
import { ensureChromium } from './lib/browser.mjs';
import { resetTestState, stopApps } from './lib/stack.mjs';
import { stopStandbyPair } from './lib/postgres-standby.mjs';
import { step } from './lib/log.mjs';
import { requireProjectNode } from './lib/runtime.mjs';

requireProjectNode();

const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const extraArgs = process.argv.slice(2);

function run(title, command, args, env = process.env) {
  step(title);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  if (result.status !== 0) {
    step(`${title}: failed`);
    return false;
  }
  return true;
}

// Before anything long: a machine that cannot get the docs page test's browser says so at once.
try {
  step(`Browser for the docs page test: ${ensureChromium()}`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const settings = loadSettings('test');
const reports = [];
/** Where a step writes its counts; the run ends with one line that sums them. */
function reportFile(name) {
  const file = path.join(settings.runDir, `${name}.json`);
  fs.mkdirSync(settings.runDir, { recursive: true });
  fs.rmSync(file, { force: true });
  reports.push(file);
  return file;
}
const jestReport = (name) => ['--json', `--outputFile=${reportFile(`jest-${name}`)}`];
const brokerWasUp = await isBrokerUp(settings);
let ok =
  run('Type check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']) &&
  run('Architecture rules (dependency-cruiser)', bin('depcruise'), [
    'apps',
    'libs',
    'test',
    '--config',
    '.dependency-cruiser.cjs',
  ]) &&
  run('Lint', bin('eslint'), ['.', '--max-warnings=0']) &&
  run('Formatting (prettier)', bin('prettier'), ['--check', '.', '--log-level', 'warn']) &&
  run('Unit tests', bin('jest'), ['--selectProjects', 'unit', ...jestReport('unit'), ...extraArgs]);
try {
  if (ok && !process.env.BP_KEEP_TEST_STATE) await resetTestState(settings);
  ok =
    ok &&
    run(
      'Integration and end-to-end tests (real Kafka and PostgreSQL)',
      bin('jest'),
      [
        '--selectProjects',
        'integration',
        '--runInBand',
        ...jestReport('integration'),
        ...extraArgs,
      ],
      {
        ...process.env,
        BP_PROFILE: 'test',
      },
    );
} finally {
  await stopApps(settings);
  if (!brokerWasUp) await stopBroker(settings);
  // The primary and standby of the standby-read specs, should one have failed before its teardown.
  await stopStandbyPair(standbyPairOf('test'));
}
// After the test stack is down, so that its two cores are the chaos run's. Its counts: each check
// and each fault of the plan (test/chaos/chaos.mjs).
if (ok && !process.env.BP_SKIP_CHAOS)
  ok = run(
    'Chaos run, short (test/chaos: two instances of every app, faults under load)',
    process.execPath,
    [path.join(ROOT, 'test/chaos/chaos.mjs'), '--short', '--summary', reportFile('chaos')],
  );
// The same on a three-node Kafka cluster: the node leading the most partitions killed, then the
// active controller (issue 18).
if (ok && !process.env.BP_SKIP_CHAOS)
  ok = run(
    'Chaos run, short, on a three-node Kafka cluster (leader and controller killed under load)',
    process.execPath,
    [
      path.join(ROOT, 'test/chaos/chaos.mjs'),
      '--short',
      '--cluster',
      '--summary',
      reportFile('chaos-cluster'),
    ],
  );
let passed = 0;
let failed = 0;
for (const file of reports) {
  if (!fs.existsSync(file)) continue;
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  // Jest's report, or the chaos run's summary.
  passed += report.numPassedTests ?? report.passed;
  failed += (report.numFailedTests ?? report.failed) + (report.numRuntimeErrorTestSuites ?? 0);
}
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
