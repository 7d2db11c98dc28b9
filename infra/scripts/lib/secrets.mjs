// Passwords the scripts generate at first start: one file per principal or role under
// .run/<profile>/credentials/<kind>/ (BP_CREDENTIALS_DIR elsewhere, e.g. a Compose volume),
// readable by this user only, never committed (.run is ignored). An app is given the file's path,
// never the password itself.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function credentialsDir(settings, kind) {
  return path.join(settings.credentialsDir, kind);
}

export function secretFile(settings, kind, name) {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`Unsafe credential name: ${name}`);
  return path.join(credentialsDir(settings, kind), name);
}

/** The secret of `name`, created when missing; 32 random bytes, URL-safe (no quoting anywhere). */
export function ensureSecret(settings, kind, name) {
  const file = secretFile(settings, kind, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Written aside, then linked into place: a reader never sees a half-written file, and of two
    // scripts starting at once the first link wins and the other reads it.
    const staged = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(staged, `${crypto.randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    try {
      fs.linkSync(staged, file);
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(staged, { force: true });
    }
  }
  return { file, value: fs.readFileSync(file, 'utf8').trim() };
}

/** Replaces a secret with a new one, or with `value` (rotation); returns the old one too. */
export function replaceSecret(settings, kind, name, value = undefined) {
  const file = secretFile(settings, kind, name);
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
  const next = `${value ?? crypto.randomBytes(32).toString('base64url')}\n`;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(`${file}.new-${process.pid}`, next, { mode: 0o600 });
  fs.renameSync(`${file}.new-${process.pid}`, file);
  return { file, value: next.trim(), old };
}
