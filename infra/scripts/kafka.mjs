// `node infra/scripts/kafka.mjs start|stop|status|topics [profile]`: the local broker on its own,
// for debugging and for tests that restart it; `topics` only creates the topics, the principals'
// passwords and their ACLs on a running broker.
import { loadSettings } from './lib/settings.mjs';
import { isBrokerUp, startBroker, stopBroker } from './lib/kafka.mjs';
import { ensureTopics } from './lib/topics.mjs';
import { ensureKafkaAccess } from './lib/kafka-access.mjs';

const [command = 'status', profile = process.env.BP_PROFILE ?? 'dev'] = process.argv.slice(2);
const settings = loadSettings(profile);
if (command === 'start') {
  await startBroker(settings);
  await ensureTopics(settings);
  await ensureKafkaAccess(settings);
} else if (command === 'topics') {
  await ensureTopics(settings);
  await ensureKafkaAccess(settings);
} else if (command === 'stop') {
  await stopBroker(settings);
} else if (command === 'status') {
  const up = await isBrokerUp(settings);
  console.log(`Kafka at ${settings.kafka.brokers}: ${up ? 'up' : 'down'}`);
  process.exit(up ? 0 : 1);
} else {
  console.error('usage: node infra/scripts/kafka.mjs start|stop|status|topics [dev|test]');
  process.exit(2);
}
