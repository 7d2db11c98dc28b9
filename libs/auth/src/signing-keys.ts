import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SigningKeys {
  privateKey: string;
  publicKey: string;
}

/**
 * The RS256 key pair tokens are signed with. Every gateway instance must share it, so it lives in
 * files: the first instance to find none creates them (exclusive create, so two racing instances
 * end up with the same pair), the others read them. Services only ever need the public key.
 */
export function loadOrCreateSigningKeys(dir: string): SigningKeys {
  const privateFile = path.join(dir, 'jwt-private.pem');
  const publicFile = path.join(dir, 'jwt-public.pem');
  if (!fs.existsSync(privateFile)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pair = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    try {
      fs.writeFileSync(`${privateFile}.tmp-${process.pid}`, pair.privateKey, { mode: 0o600 });
      fs.writeFileSync(publicFile, pair.publicKey, { flag: 'wx' });
      fs.linkSync(`${privateFile}.tmp-${process.pid}`, privateFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(`${privateFile}.tmp-${process.pid}`, { force: true });
    }
  }
  return {
    privateKey: fs.readFileSync(privateFile, 'utf8'),
    publicKey: fs.readFileSync(publicFile, 'utf8'),
  };
}
