// The browser of the docs page test (test/docs-page.e2e-spec.ts): Debian's own `chromium`, driven
// by playwright-core. Playwright's browser downloads are not used: its builds come from a host this
// project's machines cannot reach, and Debian's package is kept patched by the distribution.
// Installed for test runs only (npm start never needs it), and only when it is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { step } from './log.mjs';

export const CHROMIUM = '/usr/bin/chromium';

const HOW =
  `Install it as root: apt-get update && apt-get install -y chromium ` +
  `(the test drives ${CHROMIUM}; see docs/API-DOCS-PAGE.md).`;

function version() {
  try {
    // Its launcher script prints a harmless shell warning on stderr; the version is on stdout.
    return execFileSync(CHROMIUM, ['--version'], {
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

function apt(args) {
  // Waits for another apt or dpkg run on the machine instead of failing on its lock.
  const result = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error || result.status !== 0)
    throw new Error(
      `apt-get ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}). ${HOW}`,
    );
}

/**
 * Makes sure Debian's chromium is there, installing it when it is not. Throws, saying what to do,
 * where it cannot (not root, no apt): the docs page test is never skipped for want of a browser.
 */
export function ensureChromium() {
  const found = fs.existsSync(CHROMIUM) && version();
  if (found) return found;
  step(`Installing Debian's chromium for the docs page test (apt-get)`);
  if (process.platform !== 'linux' || process.getuid?.() !== 0)
    throw new Error(`The docs page test needs ${CHROMIUM}, and only root can install it. ${HOW}`);
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0)
    throw new Error(`The docs page test needs ${CHROMIUM}, and there is no apt-get here. ${HOW}`);
  apt(['update', '-q']);
  apt(['install', '-y', '-q', 'chromium']);
  const installed = version();
  if (!installed) throw new Error(`chromium was installed but ${CHROMIUM} does not run. ${HOW}`);
  step(`${installed} installed`);
  return installed;
}
