// `npm stop`: ends what `npm start` (or `npm run cluster`) started (apps, then Kafka and an embedded PostgreSQL if it
// started them). A broker or database it found running is left alone.
import { loadSettings, standbyPairOf } from './lib/settings.mjs';
import { stopApps } from './lib/stack.mjs';
import { stopBroker } from './lib/kafka.mjs';
import { stopEmbeddedPostgres } from './lib/postgres.mjs';
import { stopStandbyPair } from './lib/postgres-standby.mjs';
import { step } from './lib/log.mjs';

const profile = process.argv[2] ?? 'dev';
const settings = loadSettings(profile);
await stopApps(settings);
step('Apps stopped');
await stopBroker(settings);
// And the three-node cluster of `npm run cluster`, if that is what ran.
if (settings.kafka.nodes === 1)
  await stopBroker(loadSettings(profile, { ...process.env, KAFKA_NODES: '3' }));
await stopEmbeddedPostgres(settings);
// And the primary and standby of `npm run cluster` (DATABASE_STANDBY=on), if they ran.
await stopStandbyPair(standbyPairOf(profile));
