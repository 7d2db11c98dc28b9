import { KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  KeyKind,
  generateKeyPair,
  keyIdOf,
  loadOrCreateKeyPair,
  privateKeyDir,
  privateKeyFile,
} from './signing-keys';

/**
 * The pair to sign with now: its key id goes into every token's header. Keys are held parsed: a
 * PEM string would be parsed again on every signature and check (half of their cost).
 */
export interface CurrentKey {
  kid: string;
  privateKey: KeyObject;
}

/**
 * The keys of one kind (access tokens, command assertions) in the key folder every app shares:
 * `private/<kind>-private.pem` (the gateway's alone) and `<kind>-public.pem` are the current pair,
 * `<kind>-retired-<kid>.pem` the public halves of earlier pairs, kept while what they signed may still be valid. Tokens name
 * their key (`kid`), so a rotation signs nobody out, and every process follows a rotation made by
 * any other within `rescanMs`: no instance keeps keys of its own.
 */
export class KeyRing {
  private current_?: CurrentKey & { mtimeMs: number };
  private lastCurrentCheck = 0;
  private publicKeys = new Map<string, KeyObject>();
  private lastScan = 0;

  constructor(
    private readonly dir: string,
    private readonly kind: KeyKind,
    private readonly rescanMs = 5_000,
  ) {}

  /** The pair to sign with (the gateway's), created when the folder has none. */
  current(): CurrentKey {
    const now = Date.now();
    if (this.current_ && now - this.lastCurrentCheck < this.rescanMs) return this.current_;
    this.lastCurrentCheck = now;
    const file = privateKeyFile(this.dir, this.kind);
    const mtimeMs = fs.existsSync(file) ? fs.statSync(file).mtimeMs : -1;
    if (!this.current_ || this.current_.mtimeMs !== mtimeMs) {
      const { privateKey } = loadOrCreateKeyPair(this.dir, this.kind);
      // The id comes from the private key itself, so a reader that meets a rotation half done
      // never pairs a new id with an old key.
      const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' });
      this.current_ = {
        kid: keyIdOf(publicKey.toString()),
        privateKey: createPrivateKey(privateKey),
        mtimeMs: fs.statSync(file).mtimeMs,
      };
    }
    return this.current_;
  }

  /** The public key `kid` names, current or retired; null for a key this folder does not hold. */
  publicKey(kid: string): KeyObject | null {
    const known = this.publicKeys.get(kid);
    if (known) return known;
    if (Date.now() - this.lastScan < this.rescanMs) return null;
    this.lastScan = Date.now();
    this.publicKeys = this.readPublicKeys();
    return this.publicKeys.get(kid) ?? null;
  }

  private readPublicKeys(): Map<string, KeyObject> {
    const keys = new Map<string, KeyObject>();
    const names = fs.existsSync(this.dir) ? fs.readdirSync(this.dir) : [];
    for (const name of names) {
      if (name !== `${this.kind}-public.pem` && !isRetired(name, this.kind)) continue;
      const pem = fs.readFileSync(path.join(this.dir, name), 'utf8');
      keys.set(keyIdOf(pem), createPublicKey(pem));
    }
    return keys;
  }
}

export interface Rotation {
  retired: string;
  current: string;
  /** Retired keys deleted because nothing they signed can still be valid. */
  pruned: string[];
}

/**
 * Replaces the current pair of `kind` with a new one. The old public half stays as a retired key
 * for `keepRetiredMs` (at least the lifetime of what it signed), so tokens signed before the
 * rotation keep working until they expire; retired keys older than that are deleted. The order of
 * the steps keeps every moment consistent for readers: the retired copy first, then the new public
 * half, then the new private half.
 */
export function rotateKeys(dir: string, kind: KeyKind, keepRetiredMs: number): Rotation {
  const old = loadOrCreateKeyPair(dir, kind);
  const retired = keyIdOf(old.publicKey);
  const pruned = pruneRetired(dir, kind, keepRetiredMs);
  fs.writeFileSync(path.join(dir, `${kind}-retired-${retired}.pem`), old.publicKey);
  const next = generateKeyPair(kind);
  const stagedPublic = path.join(dir, `.${kind}-public.pem.tmp-${process.pid}`);
  const stagedPrivate = path.join(privateKeyDir(dir), `.${kind}-private.pem.tmp-${process.pid}`);
  fs.writeFileSync(stagedPublic, next.publicKey);
  fs.writeFileSync(stagedPrivate, next.privateKey, { mode: 0o600 });
  fs.renameSync(stagedPublic, path.join(dir, `${kind}-public.pem`));
  fs.renameSync(stagedPrivate, privateKeyFile(dir, kind));
  return { retired, current: keyIdOf(next.publicKey), pruned };
}

function pruneRetired(dir: string, kind: KeyKind, keepRetiredMs: number): string[] {
  const pruned: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!isRetired(name, kind)) continue;
    const file = path.join(dir, name);
    if (Date.now() - fs.statSync(file).mtimeMs < keepRetiredMs) continue;
    fs.rmSync(file);
    pruned.push(name.slice(`${kind}-retired-`.length, -'.pem'.length));
  }
  return pruned;
}

function isRetired(name: string, kind: KeyKind): boolean {
  return name.startsWith(`${kind}-retired-`) && name.endsWith('.pem');
}
