import { ConflictError, ValidationFailedError } from '@bp/domain-kernel';
import { codeOf } from '../../../../test/support/domain-fixtures';
import { UserAccount } from './user-account';
import {
  AccountChange,
  changeAccount,
  checkPasswordChange,
  passwordChanged,
} from './user-account-change';

const known = (code: string) => ['SRB', 'PAK', 'ICMPD'].includes(code);
const ADMIN_ID = '00000000-0000-4000-8000-00000000000a';

function account(overrides: Partial<UserAccount> = {}): UserAccount {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    username: 'fp-srb-old',
    passwordHash: 'old-hash',
    role: 'focal_point',
    party: 'SRB',
    email: null,
    officerId: null,
    disabled: false,
    successorId: null,
    mustChangePassword: false,
    tokenGeneration: 3,
    version: 7,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

const successor = account({ id: '00000000-0000-4000-8000-000000000002', username: 'fp-srb-new' });

function change(
  target: UserAccount,
  input: AccountChange,
  context: Partial<Parameters<typeof changeAccount>[2]> = {},
) {
  return changeAccount(target, input, {
    adminId: ADMIN_ID,
    successor: null,
    isKnownParty: known,
    ...context,
  });
}

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationFailedError) return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error('accepted');
}

describe('changing an account', () => {
  it('disables: revokes every token issued so far and records it', () => {
    const { account: next, facts } = change(account(), { disabled: true });
    expect(next).toMatchObject({ disabled: true, tokenGeneration: 4, version: 8 });
    expect(facts).toEqual([{ action: 'ACCOUNT_DISABLED', details: {} }]);
  });

  it('enables again without reviving the tokens revoked when it was disabled', () => {
    const { account: next, facts } = change(account({ disabled: true }), { disabled: false });
    expect(next).toMatchObject({ disabled: false, tokenGeneration: 3, version: 8 });
    expect(facts.map((f) => f.action)).toEqual(['ACCOUNT_ENABLED']);
  });

  it('changes nothing and records nothing when asked for what already holds', () => {
    const before = account({ successorId: successor.id });
    const { account: next, facts } = change(
      before,
      { disabled: false, role: 'focal_point', successorId: successor.id },
      { successor },
    );
    expect(next).toEqual(before);
    expect(facts).toEqual([]);
  });

  it('refuses an empty change', () => {
    expect(fieldsOf(() => change(account(), {}))).toEqual(['body']);
  });

  it('names a successor of the same party and role, and takes one back', () => {
    const named = change(account(), { successorId: successor.id }, { successor });
    expect(named.account.successorId).toBe(successor.id);
    expect(named.account.tokenGeneration).toBe(3);
    expect(named.facts).toEqual([
      {
        action: 'SUCCESSOR_NAMED',
        details: { successorId: successor.id, successorUsername: 'fp-srb-new' },
      },
    ]);
    const cleared = change(named.account, { successorId: null });
    expect(cleared.account.successorId).toBeNull();
    expect(cleared.facts.map((f) => f.action)).toEqual(['SUCCESSOR_CLEARED']);
  });

  it.each([
    ['absent', null],
    ['disabled', { ...successor, disabled: true }],
    ['of another party', { ...successor, party: 'PAK' }],
    ['of another role', { ...successor, role: 'liaison_officer' as const }],
  ])('refuses a successor who is %s', (_, found) => {
    expect(
      fieldsOf(() => change(account(), { successorId: successor.id }, { successor: found })),
    ).toEqual(['successorId']);
  });

  it('refuses an account as its own successor', () => {
    const self = account();
    expect(fieldsOf(() => change(self, { successorId: self.id }, { successor: self }))).toEqual([
      'successorId',
    ]);
  });

  it('changes a role where party and officer still fit, revoking tokens', () => {
    const secretariat = account({ role: 'secretariat', party: null, username: 'sec-2' });
    const { account: next, facts } = change(secretariat, { role: 'admin' });
    expect(next).toMatchObject({ role: 'admin', tokenGeneration: 4 });
    expect(facts).toEqual([
      { action: 'ROLE_CHANGED', details: { from: 'secretariat', to: 'admin' } },
    ]);
  });

  it('never turns a party focal point into the secretariat: that would mix the compartments', () => {
    expect(fieldsOf(() => change(account({ party: 'ICMPD' }), { role: 'secretariat' }))).toEqual([
      'role',
    ]);
    expect(fieldsOf(() => change(account(), { role: 'liaison_officer' }))).toEqual(['role']);
  });

  it('refuses a role change that would leave a successor of the old role', () => {
    const admin = account({ role: 'admin', party: null, successorId: successor.id });
    expect(fieldsOf(() => change(admin, { role: 'secretariat' }))).toEqual(['successorId']);
    const withNew = change(
      admin,
      { role: 'secretariat', successorId: successor.id },
      { successor: { ...successor, role: 'secretariat', party: null } },
    );
    expect(withNew.account).toMatchObject({ role: 'secretariat', successorId: successor.id });
    expect(
      fieldsOf(() =>
        change(
          admin,
          { role: 'secretariat', successorId: successor.id },
          {
            successor: { ...successor, role: 'admin', party: null },
          },
        ),
      ),
    ).toEqual(['successorId']);
  });

  it('resets the password: the temporary hash replaces the old, a change is forced, tokens revoked', () => {
    const { account: next, facts } = change(
      account(),
      { resetPassword: true },
      { temporaryPasswordHash: 'temporary-hash' },
    );
    expect(next).toMatchObject({
      passwordHash: 'temporary-hash',
      mustChangePassword: true,
      tokenGeneration: 4,
    });
    expect(facts).toEqual([{ action: 'PASSWORD_RESET', details: { mustChangePassword: true } }]);
    expect(JSON.stringify(facts)).not.toContain('hash');
  });

  it('records several changes at once, one fact each, with one new version', () => {
    const { account: next, facts } = change(
      account(),
      { disabled: true, successorId: successor.id, resetPassword: true },
      { successor, temporaryPasswordHash: 'h' },
    );
    expect(facts.map((f) => f.action)).toEqual([
      'SUCCESSOR_NAMED',
      'ACCOUNT_DISABLED',
      'PASSWORD_RESET',
    ]);
    expect(next).toMatchObject({ version: 8, tokenGeneration: 4 });
  });

  it.each([{ disabled: true }, { resetPassword: true }, { role: 'secretariat' as const }])(
    'refuses an admin %o on their own account',
    (input) => {
      const self = account({ id: ADMIN_ID, role: 'admin', party: null });
      expect(() => change(self, input, { temporaryPasswordHash: 'h' })).toThrow(ConflictError);
      expect(codeOf(() => change(self, input, { temporaryPasswordHash: 'h' }))).toBe(
        'ACCOUNT.OWN_ACCOUNT_LOCKOUT',
      );
    },
  );

  it('lets an admin name their own successor', () => {
    const self = account({ id: ADMIN_ID, role: 'admin', party: null });
    const other = { ...successor, role: 'admin' as const, party: null };
    expect(change(self, { successorId: other.id }, { successor: other }).facts).toHaveLength(1);
  });
});

describe('changing one own password', () => {
  const valid = {
    currentPasswordMatches: true,
    currentPassword: 'the old passphrase',
    newPassword: 'a brand new passphrase',
  };

  it('accepts a new password of 12 to 256 characters that proves the current one', () => {
    expect(() => checkPasswordChange(valid)).not.toThrow();
    expect(() => checkPasswordChange({ ...valid, newPassword: 'x'.repeat(12) })).not.toThrow();
    expect(() => checkPasswordChange({ ...valid, newPassword: 'x'.repeat(256) })).not.toThrow();
  });

  it.each([
    [
      'a wrong current password',
      { currentPasswordMatches: false },
      'currentPassword',
      'CURRENT_WRONG',
    ],
    ['a short new one', { newPassword: 'x'.repeat(11) }, 'newPassword', 'LENGTH'],
    ['a long new one', { newPassword: 'x'.repeat(257) }, 'newPassword', 'LENGTH'],
    ['the same again', { newPassword: 'the old passphrase' }, 'newPassword', 'UNCHANGED'],
  ])('refuses %s', (_, input, field, reason) => {
    expect(fieldsOf(() => checkPasswordChange({ ...valid, ...input }))).toEqual([field]);
    expect(codeOf(() => checkPasswordChange({ ...valid, ...input }))).toBe(`PASSWORD.${reason}`);
  });

  it('ends a forced change and revokes the tokens issued before', () => {
    const { account: next, facts } = passwordChanged(
      account({ mustChangePassword: true }),
      'new-hash',
    );
    expect(next).toMatchObject({
      passwordHash: 'new-hash',
      mustChangePassword: false,
      tokenGeneration: 4,
      version: 8,
    });
    expect(facts).toEqual([{ action: 'PASSWORD_CHANGED', details: { afterReset: true } }]);
  });
});

describe('an account e-mail address', () => {
  it('is set, changed and removed by an admin, the audit saying whether one is set, never which', () => {
    const set = changeAccount(
      account(),
      { email: 'duty@srb.example.org' },
      { adminId: ADMIN_ID, successor: null, isKnownParty: known },
    );
    expect(set.account.email).toBe('duty@srb.example.org');
    expect(set.facts).toEqual([{ action: 'EMAIL_CHANGED', details: { emailSet: true } }]);
    expect(JSON.stringify(set.facts)).not.toContain('duty@srb');
    const removed = changeAccount(
      set.account,
      { email: null },
      { adminId: ADMIN_ID, successor: null, isKnownParty: known },
    );
    expect(removed.account.email).toBeNull();
    expect(removed.facts).toEqual([{ action: 'EMAIL_CHANGED', details: { emailSet: false } }]);
    expect(removed.account.tokenGeneration).toBe(set.account.tokenGeneration);
  });
});
