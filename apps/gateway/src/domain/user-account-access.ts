import { UserAccount } from './user-account';

/** What admitting a request needs of an account: who it is now and whether its tokens still hold. */
export type TokenHolder = Pick<
  UserAccount,
  | 'id'
  | 'username'
  | 'role'
  | 'party'
  | 'officerId'
  | 'disabled'
  | 'tokenGeneration'
  | 'mustChangePassword'
>;

export type TokenHolderCheck<T extends TokenHolder = UserAccount> =
  | { admitted: true; account: T; passwordChangeRequired: boolean }
  | { admitted: false; reason: 'no-account' | 'disabled' | 'superseded' };

/**
 * A signature only proves that the gateway issued a token once. Whether it still opens anything is
 * decided by the account as it is now, on every request: it must exist, be enabled, and not have
 * had its tokens revoked since (the generation the token carries is the account's current one).
 * A holder whose password was reset is admitted, but only to change it.
 */
export function checkTokenHolder<T extends TokenHolder>(
  account: T | null,
  tokenGeneration: unknown,
): TokenHolderCheck<T> {
  if (!account) return { admitted: false, reason: 'no-account' };
  if (account.disabled) return { admitted: false, reason: 'disabled' };
  if (
    typeof tokenGeneration !== 'number' ||
    !Number.isInteger(tokenGeneration) ||
    tokenGeneration !== account.tokenGeneration
  ) {
    return { admitted: false, reason: 'superseded' };
  }
  return { admitted: true, account, passwordChangeRequired: account.mustChangePassword };
}
