// `npm run keys:rotate [-- --command|--all] [--profile dev|test]`: rotates the signing keys of a
// profile's key folder (.run/<profile>/keys), where its gateways and services read them.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, appEnv, loadSettings } from './lib/settings.mjs';

const args = process.argv.slice(2);
const profileAt = args.indexOf('--profile');
const profile = profileAt >= 0 ? args.splice(profileAt, 2)[1] : (process.env.BP_PROFILE ?? 'dev');
const settings = loadSettings(profile);
const result = spawnSync(
  process.execPath,
  [path.join(ROOT, 'dist/apps/gateway/src/rotate-keys.js'), ...args],
  { cwd: ROOT, env: appEnv(settings, settings.gateway), stdio: 'inherit' },
);
process.exitCode = result.status ?? 1;
