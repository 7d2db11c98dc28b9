import { ACCOUNT_AUDIT_ACTIONS, signInAttempt } from './user-account-audit';

describe('sign-in attempts in the audit log', () => {
  it('records a sign-in with the address it came from', () => {
    expect(signInAttempt('SIGNED_IN', '127.0.0.1')).toEqual({
      action: 'SIGNED_IN',
      details: { address: '127.0.0.1' },
    });
  });

  it.each(['WRONG_PASSWORD', 'DISABLED'] as const)(
    'records a refusal for %s, saying why',
    (why) => {
      expect(signInAttempt(why, '10.0.0.7')).toEqual({
        action: 'SIGN_IN_REFUSED',
        details: { reason: why, address: '10.0.0.7' },
      });
    },
  );

  it('knows both actions, so GET /audit can filter on them', () => {
    expect(ACCOUNT_AUDIT_ACTIONS).toEqual(expect.arrayContaining(['SIGNED_IN', 'SIGN_IN_REFUSED']));
  });
});
