import { generateKeyPairSync } from 'node:crypto';
import { CommandAssertionSigner, CommandAssertionVerifier } from './command-assertion';
import { requestDigest } from './request-digest';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signer = new CommandAssertionSigner({ current: () => ({ kid: 'k1', privateKey }) });
const verifier = new CommandAssertionVerifier('rfi-service', (kid) =>
  kid === 'k1' ? publicKey : null,
);

const request = { name: 'rfi.get', payload: { rfiId: 'r1' } };
const deadline = new Date(Date.now() + 5_000).toISOString();
const binding = (road?: 'http') => ({
  service: 'rfi-service',
  command: 'rfi.get',
  messageId: 'm1',
  deadline,
  request: requestDigest({ ...request, road }),
});

describe('command assertions', () => {
  it('verify for the deadline they were signed for, and say until when a copy would', () => {
    const assertion = signer.sign(null, binding());
    const checked = verifier.check(assertion, binding());
    expect(checked).toEqual({
      ok: true,
      actor: null,
      validUntil: (Math.ceil(Date.parse(deadline) / 1000) + 2) * 1000,
    });
    const later = new Date(Date.parse(deadline) + 60_000).toISOString();
    expect(verifier.check(assertion, { ...binding(), deadline: later })).toEqual({
      ok: false,
      reason: 'the assertion is bound to another deadline',
    });
  });

  it('are signed for one road: the digest of a read over HTTP is not that of one through Kafka', () => {
    expect(requestDigest({ ...request, road: 'http' })).not.toBe(requestDigest(request));
    const overKafka = signer.sign(null, binding());
    expect(verifier.check(overKafka, binding('http'))).toMatchObject({ ok: false });
    expect(verifier.check(signer.sign(null, binding('http')), binding('http'))).toMatchObject({
      ok: true,
    });
  });
});
