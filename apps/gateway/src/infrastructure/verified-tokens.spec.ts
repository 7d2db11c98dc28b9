import { generateKeyPairSync } from 'node:crypto';
import { VerifiedTokens } from './verified-tokens';

const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;

describe('VerifiedTokens', () => {
  const key = keyPair();
  const claims = { sub: 'user-1', exp: 1_000 };

  it('answers the claims of a token verified with the same key until it expires', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('token-a', key, claims);
    expect(tokens.claimsOf('token-a', key, 999_999)).toBe(claims);
    expect(tokens.claimsOf('token-a', key, 1_000_000)).toBeNull();
    // Gone once expired, not only refused.
    expect(tokens.claimsOf('token-a', key, 0)).toBeNull();
  });

  it('answers nothing for another token text, or for the same token checked with another key', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('token-a', key, claims);
    expect(tokens.claimsOf('token-a.', key, 0)).toBeNull();
    expect(tokens.claimsOf('token-a', keyPair(), 0)).toBeNull();
    expect(tokens.claimsOf('token-a', key, 0)).toBeNull();
  });

  it('keeps no token without an expiry', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('token-a', key, { sub: 'user-1' });
    expect(tokens.claimsOf('token-a', key, 0)).toBeNull();
  });

  it('lets the oldest token go when full', () => {
    const tokens = new VerifiedTokens(2);
    tokens.remember('token-a', key, claims);
    tokens.remember('token-b', key, claims);
    tokens.remember('token-c', key, claims);
    expect(tokens.claimsOf('token-a', key, 0)).toBeNull();
    expect(tokens.claimsOf('token-b', key, 0)).toBe(claims);
    expect(tokens.claimsOf('token-c', key, 0)).toBe(claims);
  });
});
