// `npm stop`: ends what `npm start` started (apps, then Kafka and an embedded PostgreSQL if it
// started them). A broker or database it found running is left alone.
import { loadSettings } from './lib/settings.mjs';
import { stopApps } from './lib/stack.mjs';
import { stopBroker } from './lib/kafka.mjs';
import { stopEmbeddedPostgres } from './lib/postgres.mjs';
import { step } from './lib/log.mjs';

const settings = loadSettings(process.argv[2] ?? 'dev');
await stopApps(settings);
step('Apps stopped');
await stopBroker(settings);
await stopEmbeddedPostgres(settings);
