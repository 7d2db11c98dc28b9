// `npm run reporting:rebuild [-- --replace] [--profile dev|test]`: the reporting model rebuilt from
// the event topics (kept for good) beside the live one, and the two compared table by table; with
// --replace, while the reporting-service is stopped, the rebuild takes the live model's place
// (README, Statistics). It runs as the reporting database's owner role (it makes a schema for the
// rebuild) and as the reporting-service's broker principal. The work is the service's, compiled.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { appEnv, databaseRoleEnv, databaseRoleNames, loadSettings, ROOT } from './lib/settings.mjs';

const args = process.argv.slice(2);
const profileAt = args.indexOf('--profile');
const profile = profileAt >= 0 ? args.splice(profileAt, 2)[1] : (process.env.BP_PROFILE ?? 'dev');
const unknown = args.filter((arg) => arg !== '--replace');
if (!['dev', 'test'].includes(profile) || unknown.length) {
  console.error('Usage: npm run reporting:rebuild -- [--replace] [--profile dev|test]');
  process.exit(2);
}
const settings = loadSettings(profile);
const app = settings.apps.find((candidate) => candidate.name === 'reporting-service');
const entry = path.join(ROOT, 'dist/apps/reporting-service/src/rebuild-model.js');
if (!fs.existsSync(entry)) {
  console.error(`${path.relative(ROOT, entry)} is missing: npm run build first.`);
  process.exit(1);
}
try {
  execFileSync(process.execPath, [entry, ...args], {
    env: appEnv(settings, app, databaseRoleEnv(settings, databaseRoleNames(app).owner)),
    stdio: 'inherit',
  });
} catch (error) {
  process.exit(error.status ?? 1);
}
