// Before the integration project: compiled apps, a running broker with every topic, migrated test
// databases, and the browser of the docs page test. Reuses what is already there, so repeated local
// runs are quick.
import { ensureChromium } from '../../infra/scripts/lib/browser.mjs';
import { loadSettings } from '../../infra/scripts/lib/settings.mjs';
import { build, infraUp } from '../../infra/scripts/lib/stack.mjs';

export default async function globalSetup() {
  process.env.BP_PROFILE = 'test';
  const settings = loadSettings('test');
  ensureChromium();
  build();
  await infraUp(settings);
  // Test workers start after this and inherit these.
  process.env.KAFKA_BROKERS = settings.kafka.brokers;
  process.env.DATABASE_URL = settings.postgres.url;
}
