import { KeyPairSyncResult, createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SigningKeys {
  privateKey: string;
  publicKey: string;
}

/**
 * The kinds of key the gateway signs with, each a pair of its own so that a leak of one cannot sign
 * the other: `jwt`, RS256 access tokens; `command`, ES256 command assertions (command-assertion.ts),
 * ECDSA because the gateway signs one per request (P-256 signs in tens of microseconds, RSA in a
 * millisecond).
 */
export type KeyKind = 'jwt' | 'command';

export const ALGORITHM_OF: Record<KeyKind, 'RS256' | 'ES256'> = { jwt: 'RS256', command: 'ES256' };

export function generateKeyPair(kind: KeyKind): KeyPairSyncResult<string, string> {
  if (kind === 'jwt')
    return generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
  return generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/** A key's id: the start of its public key's SHA-256, so every holder of the key derives the same. */
export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64url').slice(0, 16);
}

/**
 * Private keys live in a folder of their own inside the key folder: `private/` (mode 0700), which
 * only the gateway mounts (docker-compose.yml), while every service reads the public halves beside
 * it. A service holding the private keys could mint access tokens or command assertions for anyone.
 */
export function privateKeyDir(dir: string): string {
  return path.join(dir, 'private');
}

export function privateKeyFile(dir: string, kind: KeyKind): string {
  return path.join(privateKeyDir(dir), `${kind}-private.pem`);
}

/** A key folder from before `private/`: its private keys are moved there (same file system). */
function moveLegacyPrivateKey(dir: string, kind: KeyKind): void {
  const legacy = path.join(dir, `${kind}-private.pem`);
  if (!fs.existsSync(legacy)) return;
  fs.mkdirSync(privateKeyDir(dir), { recursive: true, mode: 0o700 });
  if (fs.existsSync(privateKeyFile(dir, kind))) fs.rmSync(legacy);
  else fs.renameSync(legacy, privateKeyFile(dir, kind));
}

/**
 * `private/<kind>-private.pem` (mode 0600) and `<kind>-public.pem` in `dir`, created when missing.
 * The private key is linked into place last and the public one is an exclusive create, so two
 * instances racing to create them end up with the same pair.
 */
export function loadOrCreateKeyPair(dir: string, kind: KeyKind): SigningKeys {
  moveLegacyPrivateKey(dir, kind);
  const privateFile = privateKeyFile(dir, kind);
  const publicFile = path.join(dir, `${kind}-public.pem`);
  if (!fs.existsSync(privateFile)) {
    fs.mkdirSync(privateKeyDir(dir), { recursive: true, mode: 0o700 });
    const pair = generateKeyPair(kind);
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
