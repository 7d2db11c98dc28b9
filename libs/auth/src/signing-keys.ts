import { KeyPairSyncResult, createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SigningKeys {
  privateKey: string;
  publicKey: string;
}

type PemPair = KeyPairSyncResult<string, string>;

/**
 * The RS256 key pair access tokens are signed with. Every gateway instance must share it, so it
 * lives in files: the first instance to find none creates them, the others read them. Services only
 * ever need the public key.
 */
export function loadOrCreateSigningKeys(dir: string): SigningKeys {
  return loadOrCreateKeyPair(dir, 'jwt', () =>
    generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    }),
  );
}

/**
 * The ES256 key pair the gateway signs command assertions with (command-assertion.ts): a key of
 * its own, so a leaked access-token key cannot sign commands and the other way round, and ECDSA
 * because the gateway signs once per request (P-256 signs in tens of microseconds, RSA in a
 * millisecond).
 */
export function loadOrCreateCommandKeys(dir: string): SigningKeys {
  return loadOrCreateKeyPair(dir, 'command', () =>
    generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    }),
  );
}

/** The public half of the command key pair, for services; null until a gateway has created it. */
export function readCommandPublicKey(dir: string): string | null {
  try {
    return fs.readFileSync(path.join(dir, 'command-public.pem'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A key's id: the start of its public key's SHA-256, so every holder of the key derives the same. */
export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64url').slice(0, 16);
}

/**
 * `<name>-private.pem` (mode 0600) and `<name>-public.pem` in `dir`, created when missing. The
 * private key is linked into place last and the public one is an exclusive create, so two
 * instances racing to create them end up with the same pair.
 */
function loadOrCreateKeyPair(dir: string, name: string, generate: () => PemPair): SigningKeys {
  const privateFile = path.join(dir, `${name}-private.pem`);
  const publicFile = path.join(dir, `${name}-public.pem`);
  if (!fs.existsSync(privateFile)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pair = generate();
    const staged = `${privateFile}.tmp-${process.pid}`;
    try {
      fs.writeFileSync(staged, pair.privateKey, { mode: 0o600 });
      fs.writeFileSync(publicFile, pair.publicKey, { flag: 'wx' });
      fs.linkSync(staged, privateFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(staged, { force: true });
    }
  }
  return {
    privateKey: fs.readFileSync(privateFile, 'utf8'),
    publicKey: fs.readFileSync(publicFile, 'utf8'),
  };
}
