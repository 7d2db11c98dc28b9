/** Crockford's base 32: no I, L, O or U, so a reference read out on the phone is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 8;

/**
 * A request's reference, e.g. `RFI-2026-7KQ2M9XA`: the year and 8 random characters (40 bits).
 * Not a counter: a sequence would tell every party how many requests all parties filed, and would
 * make every filing wait for the one before it.
 */
export function referenceFor(year: number, randomBytes: (count: number) => Uint8Array): string {
  const bytes = randomBytes(LENGTH);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte % ALPHABET.length];
  return `RFI-${year}-${code}`;
}

export const REFERENCE_PATTERN = /^RFI-\d{4}-[0-9A-HJKMNP-TV-Z]{8}$/;
