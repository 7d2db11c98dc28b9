// `node infra/scripts/standby.mjs start|stop [--profile dev|test]`: the PostgreSQL primary and
// streaming standby of DATABASE_STANDBY=on alone (npm run cluster starts them with the rest); the
// tests of standby reads start and stop them with this.
import { standbyPairOf } from './lib/settings.mjs';
import { startStandbyPair, stopStandbyPair } from './lib/postgres-standby.mjs';

const args = process.argv.slice(2);
const profileAt = args.indexOf('--profile');
const profile = profileAt >= 0 ? args.splice(profileAt, 2)[1] : (process.env.BP_PROFILE ?? 'dev');
const standbyPair = standbyPairOf(profile);

switch (args[0]) {
  case 'start': {
    const { primaryUrl, standbyUrl } = await startStandbyPair(standbyPair);
    console.log(`primary ${primaryUrl}\nstandby ${standbyUrl}`);
    break;
  }
  case 'stop':
    await stopStandbyPair(standbyPair);
    break;
  default:
    console.error('usage: node infra/scripts/standby.mjs start|stop [--profile dev|test]');
    process.exitCode = 2;
}
