import { UserAccount } from './user-account';
import { checkTokenHolder } from './user-account-access';
import { accountCreated, auditEntries } from './user-account-audit';

const holder: UserAccount = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'fp-srb',
  passwordHash: 'hash',
  role: 'focal_point',
  party: 'SRB',
  email: null,
  officerId: null,
  disabled: false,
  successorId: null,
  mustChangePassword: false,
  tokenGeneration: 2,
  version: 1,
  createdAt: new Date(),
};

describe('whether a token still opens anything', () => {
  it('admits the holder of a token of the current generation', () => {
    expect(checkTokenHolder(holder, 2)).toEqual({
      admitted: true,
      account: holder,
      passwordChangeRequired: false,
    });
  });

  it.each([
    ['the account is gone', null, 2, 'no-account'],
    ['the account is disabled', { ...holder, disabled: true }, 2, 'disabled'],
    ['tokens were revoked since', { ...holder, tokenGeneration: 3 }, 2, 'superseded'],
    ['the token names no generation', holder, undefined, 'superseded'],
    ['the generation is not a number', holder, '2', 'superseded'],
  ])('refuses when %s', (_, account, generation, reason) => {
    expect(checkTokenHolder(account, generation)).toEqual({ admitted: false, reason });
  });

  it('admits a holder whose password was reset, marked as having to change it', () => {
    expect(checkTokenHolder({ ...holder, mustChangePassword: true }, 2)).toMatchObject({
      admitted: true,
      passwordChangeRequired: true,
    });
  });
});

describe('audit entries', () => {
  it('say who did what to which account and when, without secrets', () => {
    const at = new Date('2026-03-01T10:00:00Z');
    const entries = auditEntries(
      [accountCreated(holder)],
      { userId: 'admin-id', username: 'admin' },
      holder,
      at,
    );
    expect(entries).toEqual([
      {
        at,
        action: 'ACCOUNT_CREATED',
        actor: { userId: 'admin-id', username: 'admin' },
        target: { userId: holder.id, username: 'fp-srb' },
        details: { role: 'focal_point', party: 'SRB', officerId: null },
      },
    ]);
    expect(JSON.stringify(entries)).not.toContain('hash');
  });
});
