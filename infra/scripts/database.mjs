// `node infra/scripts/database.mjs provision|migrate|seed|first-admin|rotate [role ...] [--profile dev|test]`:
// the database steps of `npm start` one by one, as the admin of DATABASE_URL.
//   provision  create or update each app database's owner and runtime roles and the databases
//   migrate    provision, then apply every app's migrations as its owner role
//   seed       the gateway's demo accounts, as the gateway's runtime role
//   first-admin  only `admin`, whose DEMO_PASSWORD must be changed at first sign-in (an installation)
//   rotate     new passwords for the roles named (all of the profile's when none is), then restart
//              the apps that use them
// Docker Compose's init step runs `migrate` and `seed` (docker-compose.yml).
import { loadSettings } from './lib/settings.mjs';
import { migrate, seedDemoAccounts } from './lib/stack.mjs';
import { provisionDatabaseRoles, rotateDatabasePasswords } from './lib/database-roles.mjs';

const args = process.argv.slice(2);
const profileAt = args.indexOf('--profile');
const profile = profileAt >= 0 ? args.splice(profileAt, 2)[1] : (process.env.BP_PROFILE ?? 'dev');
const [command, ...rest] = args;
const settings = loadSettings(profile);

switch (command) {
  case 'provision':
    await provisionDatabaseRoles(settings);
    break;
  case 'migrate':
    await provisionDatabaseRoles(settings);
    migrate(settings);
    break;
  case 'seed':
    seedDemoAccounts(settings);
    break;
  case 'first-admin':
    seedDemoAccounts(settings, ['--first-admin']);
    break;
  case 'rotate':
    await rotateDatabasePasswords(settings, rest);
    break;
  default:
    console.error(
      'usage: node infra/scripts/database.mjs provision|migrate|seed|first-admin|rotate [role ...] [--profile dev|test]',
    );
    process.exitCode = 2;
}
