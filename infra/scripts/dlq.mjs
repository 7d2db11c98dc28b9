// `npm run dlq -- list|show|replay ... [--profile dev|test]`: the dead letters of a profile's broker
// (README, Dead letters). It signs in as the broker's admin, the one principal that may read every
// dead-letter topic and write the topics events are replayed to; its password stays in its file
// under .run/<profile>/credentials/kafka/. The work is libs/messaging's (dead-letters/), compiled.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, loadSettings } from './lib/settings.mjs';
import { secretFile } from './lib/secrets.mjs';

const require = createRequire(import.meta.url);
const TOOL = path.join(ROOT, 'dist/libs/messaging/src/dead-letters/dead-letter-tool.js');

const args = process.argv.slice(2);
const profileAt = args.indexOf('--profile');
const profile = profileAt >= 0 ? args.splice(profileAt, 2)[1] : (process.env.BP_PROFILE ?? 'dev');
if (!['dev', 'test'].includes(profile)) {
  console.error(`Unknown profile ${profile}: dev or test`);
  process.exit(2);
}
if (!fs.existsSync(TOOL)) {
  console.error(`${path.relative(ROOT, TOOL)} is missing: npm run build first.`);
  process.exit(1);
}
const { runDeadLetterTool } = require(TOOL);
const { parseDeadLetterArguments } = require(
  path.join(path.dirname(TOOL), 'dead-letter-arguments.js'),
);
const parsed = parseDeadLetterArguments(args);
if (!parsed.ok) {
  console.error(parsed.error);
  process.exit(2);
}

const settings = loadSettings(profile);
// Read, never created: a new password would not be the broker's.
const passwordFile = secretFile(settings, 'kafka', settings.kafka.adminPrincipal);
if (!fs.existsSync(passwordFile)) {
  console.error(
    `No broker credentials for the ${profile} profile (${passwordFile}): start it first.`,
  );
  process.exit(1);
}
const connection = {
  brokers: settings.kafka.brokers.split(','),
  sasl: {
    username: settings.kafka.adminPrincipal,
    password: fs.readFileSync(passwordFile, 'utf8').trim(),
  },
};
try {
  process.exitCode = await runDeadLetterTool(args, connection, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
} catch (error) {
  console.error(`dlq: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
