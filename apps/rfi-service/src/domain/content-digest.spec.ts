import { createHash } from 'node:crypto';
import { claimedDigest, digestHeaders } from './content-digest';

const hash = createHash('sha256').update('annex').digest();
const base64 = hash.toString('base64');

describe("a client's digest of its upload", () => {
  it('reads SHA-256 from Content-Digest (RFC 9530), beside other algorithms, in any case', () => {
    expect(claimedDigest(`sha-256=:${base64}:`)).toEqual({ ok: true, sha256: hash });
    expect(claimedDigest(`sha-512=:AAAA:, SHA-256=:${base64}:`)).toEqual({
      ok: true,
      sha256: hash,
    });
  });

  it('reads the older Digest header (RFC 3230), and Content-Digest wins over it', () => {
    expect(claimedDigest(undefined, `SHA-256=${base64}`)).toEqual({ ok: true, sha256: hash });
    expect(claimedDigest(`sha-256=:${base64}:`, 'SHA-256=AAAA')).toEqual({
      ok: true,
      sha256: hash,
    });
  });

  it('has nothing to check without either header', () => {
    expect(claimedDigest()).toEqual({ ok: true, sha256: null });
  });

  it('refuses a header it cannot check rather than pass the bytes unchecked', () => {
    for (const header of ['md5=:AAAA:', 'sha-256=:AAAA:', `sha-256=${base64}`, 'garbage'])
      expect(claimedDigest(header)).toMatchObject({ ok: false });
    expect(claimedDigest(undefined, `SHA-256=:${base64}:`)).toMatchObject({ ok: false });
  });

  it('gives a download the whole file’s digest in both forms', () => {
    expect(digestHeaders(hash.toString('hex'))).toEqual({
      reprDigest: `sha-256=:${base64}:`,
      digest: `SHA-256=${base64}`,
    });
  });
});
