// `node infra/scripts/k8s-secrets.mjs [all|public-keys|private-keys|catalog] [--dir <folder>]`:
// the Kubernetes Secrets of infra/k8s (docs/KUBERNETES.md), as YAML on stdout for
// `kubectl apply -n <namespace> -f -`. Every value comes from a file in one folder (.run/k8s by
// default, readable by this user only) and is generated there when missing, so a second run prints
// the same Secrets: the folder is where the deployment's passwords and keys are kept. The two
// admin passwords belong to whoever runs the broker and the database server and are never
// generated: put them at kafka/admin and database-admin/password first.
//   all           every Secret
//   public-keys   the public halves of the gateway's keys, current and retired (rotation, step 1)
//   private-keys  the gateway's private keys (rotation, step 2, once step 1 reached every pod)
//   catalog       the Secrets' names and keys as JSON, values left out (the manifests' spec)
import { Buffer } from 'node:buffer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, databaseRoleNames, loadSettings } from './lib/settings.mjs';

const KEY_KINDS = ['jwt', 'command'];

/** Every Secret infra/k8s refers to: its name, its keys, and where each value lives in the folder. */
export function secretCatalog(settings = loadSettings('dev')) {
  const withDatabase = settings.apps.filter((app) => app.database);
  return [
    {
      name: 'bp-kafka-credentials',
      // The admin's (the setup Job's alone) and one per app principal, named as the app.
      entries: [settings.kafka.adminPrincipal, ...settings.apps.map((app) => app.name)].map(
        (principal) => ({
          key: principal,
          file: `kafka/${principal}`,
          given: principal === settings.kafka.adminPrincipal,
        }),
      ),
    },
    {
      name: 'bp-database-credentials',
      entries: withDatabase.flatMap((app) =>
        Object.values(databaseRoleNames(app)).map((role) => ({
          key: role,
          file: `database/${role}`,
        })),
      ),
    },
    {
      name: 'bp-database-admin',
      entries: [{ key: 'password', file: 'database-admin/password', given: true }],
    },
    {
      name: 'bp-signing-keys-public',
      // Retired public halves too, whatever their names (the gateway's key folder, key-ring.ts).
      entries: KEY_KINDS.map((kind) => ({
        key: `${kind}-public.pem`,
        file: `keys/${kind}-public.pem`,
      })),
      retiredFrom: 'keys',
    },
    {
      name: 'bp-signing-keys-private',
      entries: [
        ...KEY_KINDS.map((kind) => ({
          key: `${kind}-private.pem`,
          file: `keys/private/${kind}-private.pem`,
        })),
        // 32 bytes in base64url: seals the notification stream's event ids (stream-event-ids.ts).
        { key: 'stream-id.key', file: 'keys/private/stream-id.key' },
      ],
    },
    {
      name: 'bp-demo-password',
      entries: [{ key: 'password', file: 'demo-password' }],
    },
    {
      name: 'bp-notification-secrets',
      // 32 bytes in base64: the webhook secrets' key at rest, one for every replica.
      entries: [{ key: 'webhook-secret-key', file: 'webhook-secret-key', bytes: 'base64' }],
    },
  ];
}

function readOrCreate(dir, entry) {
  const file = path.join(dir, entry.file);
  if (!fs.existsSync(file)) {
    if (entry.given)
      throw new Error(`${file} is missing: it holds a password given by the server's operator`);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const random = crypto.randomBytes(32);
    const value =
      entry.bytes === 'base64' ? random.toString('base64') : random.toString('base64url');
    fs.writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  }
  const text = fs.readFileSync(file, 'utf8');
  return entry.file.endsWith('.pem') ? text : text.split(/\r?\n/)[0];
}

/** The gateway's key pairs in the folder's keys/, in its own layout, created when missing. */
async function ensureKeys(dir) {
  const auth = await import(
    pathToFileURL(path.join(ROOT, 'dist/libs/auth/src/signing-keys.js')).href
  );
  const { loadOrCreateKeyPair } = auth.default ?? auth;
  for (const kind of KEY_KINDS) loadOrCreateKeyPair(path.join(dir, 'keys'), kind);
}

function secretYaml(name, data) {
  const lines = ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name}`];
  lines.push('  labels:', '    app.kubernetes.io/part-of: bp-channel', 'type: Opaque', 'data:');
  for (const [key, value] of Object.entries(data).sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`  ${key}: ${Buffer.from(value).toString('base64')}`);
  return lines.join('\n');
}

async function main(argv) {
  const dirAt = argv.indexOf('--dir');
  const dir = path.resolve(dirAt >= 0 ? argv.splice(dirAt, 2)[1] : path.join(ROOT, '.run/k8s'));
  const [command = 'all'] = argv;
  const catalog = secretCatalog();
  if (command === 'catalog') {
    const names = catalog.map((secret) => ({
      name: secret.name,
      keys: secret.entries.map((entry) => entry.key),
    }));
    process.stdout.write(`${JSON.stringify(names)}\n`);
    return;
  }
  const chosen = {
    all: catalog,
    'public-keys': catalog.filter((secret) => secret.name === 'bp-signing-keys-public'),
    'private-keys': catalog.filter((secret) => secret.name === 'bp-signing-keys-private'),
  }[command];
  if (!chosen) {
    console.error(
      'usage: node infra/scripts/k8s-secrets.mjs [all|public-keys|private-keys|catalog] [--dir <folder>]',
    );
    process.exitCode = 2;
    return;
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  await ensureKeys(dir);
  const documents = chosen.map((secret) => {
    const data = Object.fromEntries(
      secret.entries.map((entry) => [entry.key, readOrCreate(dir, entry)]),
    );
    if (secret.retiredFrom)
      for (const name of fs.readdirSync(path.join(dir, secret.retiredFrom)))
        if (/^(jwt|command)-retired-[A-Za-z0-9_-]+\.pem$/.test(name))
          data[name] = fs.readFileSync(path.join(dir, secret.retiredFrom, name), 'utf8');
    return secretYaml(secret.name, data);
  });
  process.stdout.write(`${documents.join('\n---\n')}\n`);
}

await main(process.argv.slice(2));
