// `npm run credentials:rotate -- kafka <principal> [--profile dev|test]`: gives an app's broker
// principal (gateway, rfi-service, ...) or the broker's admin a new password. The new password is
// set on the broker first (as the admin, with Kafka's kafka-configs tool), then written to the
// principal's file under .run/<profile>/credentials/kafka/. Connections already signed in keep
// working; the app signs in with the new password when it is restarted, which this prints.
import crypto from 'node:crypto';
import { loadSettings } from './lib/settings.mjs';
import {
  kafkaNodes,
  kafkaSecret,
  renderServerProperties,
  rememberAdminCredential,
} from './lib/kafka.mjs';
import { setScramPasswords } from './lib/kafka-access.mjs';
import { replaceSecret } from './lib/secrets.mjs';
import { step } from './lib/log.mjs';

const args = process.argv.slice(2);
const profileAt = args.indexOf('--profile');
const profile = profileAt >= 0 ? args.splice(profileAt, 2)[1] : (process.env.BP_PROFILE ?? 'dev');
const [kind, principal] = args;
const settings = loadSettings(profile);
const principals = [settings.kafka.adminPrincipal, ...settings.apps.map((app) => app.name)];

if (kind !== 'kafka' || !principals.includes(principal)) {
  console.error(
    `usage: npm run credentials:rotate -- kafka <${principals.join('|')}> [--profile dev|test]`,
  );
  process.exit(2);
}

const admin = principal === settings.kafka.adminPrincipal;
// The admin signs in with the password the broker has now, also when it is the one rotated.
const signInAs = kafkaSecret(settings, settings.kafka.adminPrincipal).value;
// The broker first, then the file: if this stops in between, the file still holds the password
// the broker had, and a rerun rotates again.
const next = crypto.randomBytes(32).toString('base64url');
setScramPasswords(settings, [principal], {
  adminPassword: signInAs,
  passwords: { [principal]: next },
});
replaceSecret(settings, 'kafka', principal, next);
if (admin) {
  for (const node of kafkaNodes(settings)) {
    renderServerProperties(settings, node);
    rememberAdminCredential(settings, node);
  }
  step(
    'The admin password is changed; the broker uses it for its own connections from its next start: ' +
      `node infra/scripts/kafka.mjs stop ${profile} && node infra/scripts/kafka.mjs start ${profile}`,
  );
} else {
  step(
    `The password of ${principal} is changed. Restart its instances to sign in with it: ` +
      `node infra/scripts/apps.mjs stop ${principal} --profile ${profile} && ` +
      `node infra/scripts/apps.mjs start ${principal} --profile ${profile}`,
  );
}
