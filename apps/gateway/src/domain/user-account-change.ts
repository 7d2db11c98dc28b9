import { ConflictError, Role, ValidationFailedError } from '@bp/domain-kernel';
import { AccountErrors, PasswordErrors } from './account-errors';
import { UserAccount, assertConsistentAccount } from './user-account';
import { AccountAuditFact } from './user-account-audit';

/** What an admin may change on an account (PATCH /users/{id}); absent fields stay as they are. */
export interface AccountChange {
  disabled?: boolean;
  /** null takes a named successor back. */
  successorId?: string | null;
  role?: Role;
  resetPassword?: boolean;
  /** null removes the address. */
  email?: string | null;
}

export interface AccountChangeContext {
  /** The admin making the change. */
  adminId: string;
  /** The account named in `successorId`, as found (null when there is none by that id). */
  successor: UserAccount | null;
  /** The hash of the new temporary password, when a reset is asked for. */
  temporaryPasswordHash?: string;
  isKnownParty: (code: string) => boolean;
}

export interface AccountChangeOutcome {
  account: UserAccount;
  facts: AccountAuditFact[];
}

/**
 * Applies an admin's change and says what happened, one audit fact per effective change. A change
 * that takes rights away or replaces the password raises the token generation, so every token
 * issued before stops working at once: a disabled account does not come back to life with its old
 * tokens when enabled again. Asking for what already holds changes nothing and records nothing.
 */
export function changeAccount(
  account: UserAccount,
  change: AccountChange,
  context: AccountChangeContext,
): AccountChangeOutcome {
  const asked = Object.values(change).some((value) => value !== undefined);
  if (!asked) {
    throw new ValidationFailedError(AccountErrors.NOTHING_TO_CHANGE, 'Nothing to change', [
      {
        field: 'body',
        message: 'name at least one of disabled, successorId, role, resetPassword, email',
      },
    ]);
  }
  refuseSelfLockout(account, change, context.adminId);
  const next: UserAccount = { ...account };
  const facts: AccountAuditFact[] = [];
  let revokeTokens = false;

  if (change.role !== undefined && change.role !== account.role) {
    next.role = change.role;
    assertRoleFits(next, context.isKnownParty);
    if (account.successorId !== null && change.successorId === undefined) {
      throw new ValidationFailedError(
        AccountErrors.SUCCESSOR_UNFIT,
        'The successor no longer fits the new role',
        [{ field: 'successorId', message: `name a successor who is ${change.role}, or null` }],
      );
    }
    facts.push({ action: 'ROLE_CHANGED', details: { from: account.role, to: change.role } });
    revokeTokens = true;
  }

  if (change.successorId !== undefined && change.successorId !== account.successorId) {
    if (change.successorId === null) {
      facts.push({ action: 'SUCCESSOR_CLEARED', details: { previous: account.successorId } });
    } else {
      assertFitSuccessor(next, change.successorId, context.successor);
      facts.push({
        action: 'SUCCESSOR_NAMED',
        details: {
          successorId: change.successorId,
          successorUsername: context.successor!.username,
        },
      });
    }
    next.successorId = change.successorId;
  } else if (change.successorId && next.role !== account.role) {
    // The same successor named again alongside a role change must still fit the new role.
    assertFitSuccessor(next, change.successorId, context.successor);
  }

  if (change.disabled !== undefined && change.disabled !== account.disabled) {
    next.disabled = change.disabled;
    facts.push({ action: change.disabled ? 'ACCOUNT_DISABLED' : 'ACCOUNT_ENABLED', details: {} });
    revokeTokens ||= change.disabled;
  }

  if (change.email !== undefined && change.email !== account.email) {
    next.email = change.email;
    facts.push({ action: 'EMAIL_CHANGED', details: { emailSet: change.email !== null } });
  }

  if (change.resetPassword) {
    if (!context.temporaryPasswordHash) throw new Error('A reset needs the temporary password');
    next.passwordHash = context.temporaryPasswordHash;
    next.mustChangePassword = true;
    facts.push({ action: 'PASSWORD_RESET', details: { mustChangePassword: true } });
    revokeTokens = true;
  }

  if (revokeTokens) next.tokenGeneration = account.tokenGeneration + 1;
  if (facts.length) next.version = account.version + 1;
  return { account: next, facts };
}

/** Another admin must do these: an admin who locks themselves out leaves nobody to undo it. */
function refuseSelfLockout(account: UserAccount, change: AccountChange, adminId: string): void {
  if (account.id !== adminId) return;
  if (
    change.disabled === true ||
    change.resetPassword ||
    (change.role && change.role !== 'admin')
  ) {
    throw new ConflictError(
      AccountErrors.OWN_ACCOUNT_LOCKOUT,
      'An admin may not disable, demote or reset their own account; another admin must (POST /me/password changes your own password)',
    );
  }
}

/** A role change keeps the account's party and officer, so it must fit them (no party moves). */
function assertRoleFits(account: UserAccount, isKnownParty: (code: string) => boolean): void {
  try {
    assertConsistentAccount(account, isKnownParty);
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    throw new ValidationFailedError(
      AccountErrors.ROLE_CHANGE_UNFIT,
      `This account cannot become ${account.role}: create a new account instead`,
      error.errors.map((e) => ({ field: 'role', message: e.message })),
    );
  }
}

/** A successor takes over the same work: an enabled account of the same party and role. */
function assertFitSuccessor(
  account: UserAccount,
  successorId: string,
  successor: UserAccount | null,
): void {
  const refuse = (message: string) => {
    throw new ValidationFailedError(
      AccountErrors.SUCCESSOR_UNFIT,
      'This successor cannot be named',
      [{ field: 'successorId', message }],
    );
  };
  if (successorId === account.id) refuse('an account cannot succeed itself');
  if (!successor || successor.id !== successorId) return refuse('no such account');
  if (successor.disabled) refuse('the successor is disabled');
  if (successor.role !== account.role || successor.party !== account.party) {
    refuse(`the successor must be ${account.role} of ${account.party ?? 'no party'} too`);
  }
}

/**
 * A password the holder sets (POST /me/password): they prove the current one, and the new one
 * is of a sane length and not the same (a temporary password from a reset must be replaced).
 */
export function checkPasswordChange(input: {
  currentPasswordMatches: boolean;
  currentPassword: string;
  newPassword: string;
}): void {
  if (!input.currentPasswordMatches) {
    throw new ValidationFailedError(PasswordErrors.CURRENT_WRONG, 'The current password is wrong', [
      { field: 'currentPassword', message: 'is not your current password' },
    ]);
  }
  if (input.newPassword.length < PASSWORD_MIN_LENGTH || input.newPassword.length > 256) {
    throw new ValidationFailedError(PasswordErrors.LENGTH, 'The new password does not fit', [
      { field: 'newPassword', message: `must have ${PASSWORD_MIN_LENGTH} to 256 characters` },
    ]);
  }
  if (input.newPassword === input.currentPassword) {
    throw new ValidationFailedError(
      PasswordErrors.UNCHANGED,
      'The new password is the current one',
      [{ field: 'newPassword', message: 'must differ from the current password' }],
    );
  }
}

export const PASSWORD_MIN_LENGTH = 12;

/** The account with its new password: a reset's forced change is done, older tokens are not valid. */
export function passwordChanged(
  account: UserAccount,
  newPasswordHash: string,
): AccountChangeOutcome {
  return {
    account: {
      ...account,
      passwordHash: newPasswordHash,
      mustChangePassword: false,
      tokenGeneration: account.tokenGeneration + 1,
      version: account.version + 1,
    },
    facts: [{ action: 'PASSWORD_CHANGED', details: { afterReset: account.mustChangePassword } }],
  };
}
