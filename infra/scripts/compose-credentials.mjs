// Docker Compose's `credentials` step: creates every password once in the credentials volume
// (BP_CREDENTIALS_DIR), in the layout the scripts use (kafka/<principal>), and gives each app a
// folder apps/<app>/ holding only its own, which is all its container mounts.
import fs from 'node:fs';
import path from 'node:path';
import { loadSettings } from './lib/settings.mjs';
import { ensureSecret } from './lib/secrets.mjs';
import { step } from './lib/log.mjs';

const settings = loadSettings('dev');
for (const principal of [settings.kafka.adminPrincipal, 'controller'])
  ensureSecret(settings, 'kafka', principal);
for (const app of settings.apps) {
  const own = path.join(settings.credentialsDir, 'apps', app.name);
  fs.mkdirSync(own, { recursive: true, mode: 0o700 });
  fs.copyFileSync(ensureSecret(settings, 'kafka', app.name).file, path.join(own, 'kafka'));
  fs.chmodSync(path.join(own, 'kafka'), 0o600);
}
step(`Credentials ready in ${settings.credentialsDir}`);
