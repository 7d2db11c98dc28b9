// `npm run infra:up`: what the apps need, without the apps: Kafka (SASL, ACLs, topics), PostgreSQL
// with each app's roles and migrated database, and the demo accounts. For running one app from
// an editor or under a debugger against the dev profile; `npm start` starts the apps too.
import { loadSettings } from './lib/settings.mjs';
import { build, infraUp } from './lib/stack.mjs';
import { step } from './lib/log.mjs';
import { requireProjectNode } from './lib/runtime.mjs';

requireProjectNode();
const settings = loadSettings('dev');
try {
  build();
  await infraUp(settings);
  step('Infrastructure ready.');
  console.log(`
  Kafka        ${settings.kafka.brokers} (SASL/SCRAM; passwords in ${settings.runDir}/credentials/kafka)
  PostgreSQL   ${new URL(settings.postgres.url).host}
  Stop with    npm stop
`);
} catch (error) {
  console.error(`\nInfrastructure start failed: ${error.message}`);
  process.exit(1);
}
