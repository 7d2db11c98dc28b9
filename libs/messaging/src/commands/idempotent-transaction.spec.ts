import { withoutFields } from './idempotent-transaction';

describe('the reply kept for a replay', () => {
  const reply = { ok: true as const, status: 201, body: { id: 'w-1', secret: 'whsec_x' } };

  it('lacks the fields shown once, and keeps the rest', () => {
    expect(withoutFields(reply, ['secret'])).toEqual({
      ok: true,
      status: 201,
      body: { id: 'w-1' },
    });
    expect(reply.body.secret).toBe('whsec_x');
  });

  it('is the reply itself when nothing is shown once', () => {
    expect(withoutFields(reply, [])).toBe(reply);
  });
});
