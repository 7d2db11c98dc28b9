// `npm start`: the whole system on this machine: Kafka, PostgreSQL, schemas, topics, the three
// services and the gateway, each in the background with its log in .run/dev/logs. `npm stop` ends it.
// `npm run cluster` (`--cluster`): the same on a local three-node Kafka cluster (KAFKA_NODES=3;
// every topic with three copies, two in sync for a write) and a PostgreSQL primary with a streaming
// standby that the lists, search and statistics read from (DATABASE_STANDBY=on).
import { loadSettings } from './lib/settings.mjs';
import { build, infraUp, startApp, waitForHttp } from './lib/stack.mjs';
import { step } from './lib/log.mjs';
import { requireProjectNode } from './lib/runtime.mjs';

requireProjectNode();
if (process.argv.includes('--cluster')) {
  process.env.KAFKA_NODES ??= '3';
  process.env.DATABASE_STANDBY ??= 'on';
}
const settings = loadSettings('dev');
try {
  build();
  await infraUp(settings);
  const services = settings.apps.filter((app) => app.name !== 'gateway');
  for (const app of services) await startApp(settings, app);
  await Promise.all(
    services.map((app) => waitForHttp(`http://127.0.0.1:${app.port}/health`, app.name, settings)),
  );
  step(`Services up: ${services.map((app) => app.name).join(', ')}`);
  await startApp(settings, settings.gateway);
  const base = `http://127.0.0.1:${settings.gateway.port}`;
  await waitForHttp(`${base}/health/ready`, 'gateway', settings, 90_000);
  step('Ready.');
  console.log(`
  API         ${base}/api/v1
  API docs    ${base}/api/docs   (OpenAPI JSON: ${base}/api/docs-json)
  Events      ${base}/api/asyncapi.json   (AsyncAPI 3.0: the event topics and their payloads)
  PostgreSQL  ${new URL(settings.postgres.url).host}${settings.postgres.readUrl ? `   (standby for reads: ${new URL(settings.postgres.readUrl).host})` : ''}
  Kafka       ${settings.kafka.brokers}${settings.kafka.nodes > 1 ? `   (${settings.kafka.nodes} nodes, replication factor ${settings.kafka.replicationFactor}, min.insync.replicas ${settings.kafka.minInsyncReplicas})` : ''}
  Readiness   ${base}/health/ready
  Metrics     http://127.0.0.1:${settings.gateway.metricsPort}/metrics   (private: not on the API's port)
  Logs        ${settings.logDir}
  Stop with   npm stop
`);
} catch (error) {
  console.error(
    `\nStart failed: ${error.message}\nWhat did start keeps running; \`npm stop\` ends it.`,
  );
  process.exit(1);
}
