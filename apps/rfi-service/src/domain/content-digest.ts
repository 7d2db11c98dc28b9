/**
 * The SHA-256 a client says its upload has: `Content-Digest: sha-256=:<base64>:` (RFC 9530) or
 * the older `Digest: SHA-256=<base64>` (RFC 3230). Other algorithms beside it are ignored; a header
 * without SHA-256, or with one that is not 32 bytes, is refused rather than passed unchecked.
 */
export type ClaimedDigest = { ok: true; sha256: Buffer | null } | { ok: false; reason: string };

const SHA256_BYTES = 32;

export function claimedDigest(contentDigest?: string, digest?: string): ClaimedDigest {
  if (contentDigest !== undefined) return fromMembers(contentDigest, /^:([A-Za-z0-9+/=]*):$/);
  if (digest !== undefined) return fromMembers(digest, /^([A-Za-z0-9+/=]*)$/);
  return { ok: true, sha256: null };
}

function fromMembers(header: string, valueFormat: RegExp): ClaimedDigest {
  for (const member of header.split(',')) {
    const at = member.indexOf('=');
    if (at < 0) continue;
    if (member.slice(0, at).trim().toLowerCase() !== 'sha-256') continue;
    const value = valueFormat.exec(member.slice(at + 1).trim());
    const bytes = value ? Buffer.from(value[1]!, 'base64') : null;
    if (!bytes || bytes.length !== SHA256_BYTES)
      return { ok: false, reason: 'its sha-256 value is not 32 bytes in base64' };
    return { ok: true, sha256: bytes };
  }
  return { ok: false, reason: 'it has no sha-256 value (the only algorithm checked)' };
}

/** The digest headers of a download: the whole file's (RFC 9530 Repr-Digest, and RFC 3230 Digest). */
export function digestHeaders(sha256Hex: string): { reprDigest: string; digest: string } {
  const base64 = Buffer.from(sha256Hex, 'hex').toString('base64');
  return { reprDigest: `sha-256=:${base64}:`, digest: `SHA-256=${base64}` };
}
