import { randomBytes } from 'node:crypto';
import { REFERENCE_PATTERN, referenceFor } from './rfi-reference';

describe('RFI references', () => {
  it('are the year and 8 characters of Crockford base 32', () => {
    const reference = referenceFor(2026, (n) => randomBytes(n));
    expect(reference).toMatch(REFERENCE_PATTERN);
    expect(reference.startsWith('RFI-2026-')).toBe(true);
  });

  it('come from the random source alone, so they count nothing', () => {
    expect(referenceFor(2026, (n) => new Uint8Array(n))).toBe('RFI-2026-00000000');
    expect(referenceFor(2026, (n) => new Uint8Array(n).fill(31))).toBe('RFI-2026-ZZZZZZZZ');
  });

  it('rarely repeat: 10,000 drawn, all different', () => {
    const drawn = new Set(
      Array.from({ length: 10_000 }, () => referenceFor(2026, (n) => randomBytes(n))),
    );
    expect(drawn.size).toBe(10_000);
  });
});
