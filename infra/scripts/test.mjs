// `npm test`: static checks, unit tests, then integration and end-to-end tests against a real Kafka
// broker and a real PostgreSQL (profile `test`: its own broker port and databases). A broker this
// run started is stopped at the end; one that was already running is left as it was.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadSettings, ROOT } from './lib/settings.mjs';
import { isBrokerUp, stopBroker } from './lib/kafka.mjs';
import { resetTestState, stopApps } from './lib/stack.mjs';
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

const settings = loadSettings('test');
const reports = [];
/** Jest writes its counts here; the run ends with one line that sums them. */
function jestReport(name) {
  const file = path.join(settings.runDir, `jest-${name}.json`);
  fs.mkdirSync(settings.runDir, { recursive: true });
  fs.rmSync(file, { force: true });
  reports.push(file);
  return ['--json', `--outputFile=${file}`];
}
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
}
let passed = 0;
let failed = 0;
for (const file of reports) {
  if (!fs.existsSync(file)) continue;
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
}
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
