// Docker Compose's `credentials` step: creates the PostgreSQL superuser's password and every broker
// principal's once in the credentials volumes (BP_CREDENTIALS_DIR, the layout the scripts use: kafka/<principal>), and copies
// each app's into that app's own volume (BP_APP_SECRETS_DIR/<app>/kafka), which is all the app's
// container mounts. The database passwords are init's (database.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { loadSettings } from './lib/settings.mjs';
import { ensureSecret } from './lib/secrets.mjs';
import { step } from './lib/log.mjs';

const settings = loadSettings('dev');
const appSecrets = process.env.BP_APP_SECRETS_DIR ?? path.join(settings.credentialsDir, 'apps');
for (const principal of [settings.kafka.adminPrincipal, 'controller'])
  ensureSecret(settings, 'kafka', principal);
for (const app of settings.apps) {
  const own = path.join(appSecrets, app.name);
  fs.mkdirSync(own, { recursive: true, mode: 0o700 });
  fs.copyFileSync(ensureSecret(settings, 'kafka', app.name).file, path.join(own, 'kafka'));
  fs.chmodSync(path.join(own, 'kafka'), 0o600);
}
// The PostgreSQL superuser's, for the server's first start (POSTGRES_PASSWORD_FILE) and for init,
// the only other container that mounts it. The server reads it as its own user (uid 999), hence
// readable by all in a volume no app mounts.
const superuser = ensureSecret(settings, 'postgres-admin', 'superuser');
fs.chmodSync(path.dirname(superuser.file), 0o755);
fs.chmodSync(superuser.file, 0o644);
step(`Credentials ready in ${settings.credentialsDir}`);
