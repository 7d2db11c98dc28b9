// `node infra/scripts/kafka.mjs start|stop|status [profile]`: the local broker on its own, for
// debugging and for tests that restart it.
import { loadSettings } from './lib/settings.mjs';
import { isBrokerUp, startBroker, stopBroker } from './lib/kafka.mjs';
import { ensureTopics } from './lib/topics.mjs';

const [command = 'status', profile = process.env.BP_PROFILE ?? 'dev'] = process.argv.slice(2);
const settings = loadSettings(profile);
if (command === 'start') {
  await startBroker(settings);
  await ensureTopics(settings);
} else if (command === 'stop') {
  await stopBroker(settings);
} else if (command === 'status') {
  const up = await isBrokerUp(settings.kafka.brokers);
  console.log(`Kafka at ${settings.kafka.brokers}: ${up ? 'up' : 'down'}`);
  process.exit(up ? 0 : 1);
} else {
  console.error('usage: node infra/scripts/kafka.mjs start|stop|status [dev|test]');
  process.exit(2);
}
