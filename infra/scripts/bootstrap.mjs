// Runs before `npm start` and `npm test`: on a fresh clone (or after the lock file changed) it
// installs the exact dependency tree of package-lock.json, so the two Quick start commands are all
// a newcomer types. It uses nothing but Node itself, and runs on whatever Node the machine has:
// the install brings the project's own Node.js 24 (the pinned `node` package), which every npm
// script after this one runs on.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 12)) {
  console.error(
    `Node.js ${process.versions.node} is too old to install the project (it needs 20.12 or newer; the project then runs on its own Node.js 24).`,
  );
  process.exit(1);
}

const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');
const stale =
  !fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs;
if (stale) {
  console.log('Installing dependencies (npm ci)...');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}

for (const [tool, hint] of [
  ['java -version', 'a Java 17+ runtime (the Kafka broker runs on it)'],
  ['mvn -v', 'Apache Maven (it fetches the Kafka broker from Maven Central)'],
]) {
  try {
    execSync(tool, { stdio: 'ignore' });
  } catch {
    if (!process.env.KAFKA_BROKERS) {
      console.error(`Missing ${hint}. Install it, or point KAFKA_BROKERS at a running broker.`);
      process.exit(1);
    }
  }
}
