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
    try {
      // 'wx': two scripts starting at once never overwrite each other's secret.
      fs.writeFileSync(file, `${crypto.randomBytes(32).toString('base64url')}\n`, {
        flag: 'wx',
        mode: 0o600,
      });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
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
  fs.writeFileSync(`${file}.new`, next, { mode: 0o600 });
  fs.renameSync(`${file}.new`, file);
  return { file, value: next.trim(), old };
}
