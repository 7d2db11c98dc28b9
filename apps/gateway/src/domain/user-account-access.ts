import { UserAccount } from './user-account';

export type TokenHolderCheck =
  | { admitted: true; account: UserAccount; passwordChangeRequired: boolean }
  | { admitted: false; reason: 'no-account' | 'disabled' | 'superseded' };

/**
 * A signature only proves that the gateway issued a token once. Whether it still opens anything is
 * decided by the account as it is now, on every request: it must exist, be enabled, and not have
 * had its tokens revoked since (the generation the token carries is the account's current one).
 * A holder whose password was reset is admitted, but only to change it.
 */
export function checkTokenHolder(
  account: UserAccount | null,
  tokenGeneration: unknown,
): TokenHolderCheck {
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
