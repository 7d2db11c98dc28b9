import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { verify } from 'jsonwebtoken';
import { KeyRing, rotateKeys } from './key-ring';

describe('KeyRing and rotateKeys (real files, real keys)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-keys-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const jwt = new JwtService();
  const signWith = (ring: KeyRing) => {
    const key = ring.current();
    return jwt.sign(
      { sub: 'x' },
      { privateKey: key.privateKey, algorithm: 'RS256', keyid: key.kid },
    );
  };
  const verifiesWith = (ring: KeyRing, token: string) => {
    const kid = (jwt.decode(token, { complete: true }) as { header: { kid: string } }).header.kid;
    const publicKey = ring.publicKey(kid);
    if (!publicKey) return false;
    verify(token, publicKey, { algorithms: ['RS256'] });
    return true;
  };

  const privateKeysIn = (folder: string) =>
    fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .filter((entry) => fs.readFileSync(path.join(folder, entry.name), 'utf8').includes('PRIVATE'))
      .map((entry) => entry.name);

  it('creates a pair when the folder has none, private key in a folder of its owner only', () => {
    const ring = new KeyRing(dir, 'jwt', 0);
    const { kid } = ring.current();
    new KeyRing(dir, 'command', 0).current();
    expect(kid).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(fs.statSync(path.join(dir, 'private')).mode & 0o077).toBe(0);
    expect(fs.statSync(path.join(dir, 'private', 'jwt-private.pem')).mode & 0o077).toBe(0);
    expect(ring.publicKey(kid)?.export({ type: 'spki', format: 'pem' })).toContain('PUBLIC KEY');
    // What a service mounts (the folder without private/) holds no private key.
    expect(privateKeysIn(dir)).toEqual([]);
    expect(privateKeysIn(path.join(dir, 'private')).sort()).toEqual([
      'command-private.pem',
      'jwt-private.pem',
    ]);
  });

  it('moves the private key of a folder from before private/ there, keeping the pair', () => {
    const before = new KeyRing(dir, 'jwt', 0).current();
    fs.renameSync(path.join(dir, 'private', 'jwt-private.pem'), path.join(dir, 'jwt-private.pem'));
    const after = new KeyRing(dir, 'jwt', 0).current();
    expect(after.kid).toBe(before.kid);
    expect(privateKeysIn(dir)).toEqual([]);
  });

  it('rotates without a private key ever outside private/', () => {
    new KeyRing(dir, 'command', 0).current();
    rotateKeys(dir, 'command', 60_000);
    expect(privateKeysIn(dir)).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'private'))).toEqual(['command-private.pem']);
  });

  it('after a rotation, signs with the new key and still verifies what the old one signed', () => {
    const gateway = new KeyRing(dir, 'jwt', 0);
    const otherInstance = new KeyRing(dir, 'jwt', 0);
    const before = signWith(gateway);
    const oldKid = gateway.current().kid;
    const rotation = rotateKeys(dir, 'jwt', 60_000);
    expect(rotation.retired).toBe(oldKid);
    expect(gateway.current().kid).toBe(rotation.current);
    const after = signWith(gateway);
    expect(verifiesWith(otherInstance, before)).toBe(true);
    expect(verifiesWith(otherInstance, after)).toBe(true);
  });

  it('follows a rotation made by another process only after its rescan interval', () => {
    const ring = new KeyRing(dir, 'command', 60_000);
    const first = ring.current().kid;
    rotateKeys(dir, 'command', 60_000);
    expect(ring.current().kid).toBe(first);
    expect(new KeyRing(dir, 'command', 60_000).current().kid).not.toBe(first);
  });

  it('deletes retired keys once nothing they signed can be valid, and refuses their tokens', () => {
    const ring = new KeyRing(dir, 'jwt', 0);
    const old = signWith(ring);
    const { retired } = rotateKeys(dir, 'jwt', 60_000);
    const file = path.join(dir, `jwt-retired-${retired}.pem`);
    const longAgo = new Date(Date.now() - 120_000);
    fs.utimesSync(file, longAgo, longAgo);
    expect(rotateKeys(dir, 'jwt', 60_000).pruned).toEqual([retired]);
    expect(fs.existsSync(file)).toBe(false);
    expect(verifiesWith(new KeyRing(dir, 'jwt', 0), old)).toBe(false);
  });
});
