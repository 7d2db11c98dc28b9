import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signedHeaders } from './webhook-signature';

describe('the Standard Webhooks signature of a delivery', () => {
  const payload = JSON.stringify({ type: 'notification.created', data: { id: 'n-1' } });

  it('verifies with the secret it was signed with, and not with another', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = signedHeaders('msg_1', new Date(), payload, [secret]);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(payload, headers)).toEqual(JSON.parse(payload));
    expect(() => new Webhook(newWebhookSecret()).verify(payload, headers)).toThrow(
      /No matching signature/,
    );
  });

  it('carries one signature per secret during a rotation, each verifying on its own', () => {
    const [fresh, old] = [newWebhookSecret(), newWebhookSecret()];
    const headers = signedHeaders('msg_2', new Date(), payload, [fresh, old]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(fresh).verify(payload, headers)).toBeTruthy();
    expect(new Webhook(old).verify(payload, headers)).toBeTruthy();
    expect(() => new Webhook(newWebhookSecret()).verify(payload, headers)).toThrow();
  });

  it('signs the id and the time: a changed id does not verify', () => {
    const secret = newWebhookSecret();
    const headers = signedHeaders('msg_3', new Date(), payload, [secret]);
    expect(() =>
      new Webhook(secret).verify(payload, { ...headers, 'webhook-id': 'msg_4' }),
    ).toThrow();
    expect(() => new Webhook(secret).verify(`${payload} `, headers)).toThrow();
  });
});
