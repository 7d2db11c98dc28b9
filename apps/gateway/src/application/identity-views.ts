import { Role, ValidationFailedError, CursorErrors } from '@bp/contracts';
import { UserAccount, actorOf } from '../domain/user-account';

/** An account as the API shows it: never its password hash or token generation. */
export interface AccountView {
  id: string;
  username: string;
  role: Role;
  party: string | null;
  officerId: string | null;
  email: string | null;
  disabled: boolean;
  successorId: string | null;
  passwordChangeRequired: boolean;
  createdAt: string;
  version: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function accountView(account: UserAccount): AccountView {
  return {
    id: account.id,
    username: account.username,
    role: account.role,
    party: actorOf(account).party,
    officerId: account.officerId,
    email: account.email ?? null,
    disabled: account.disabled,
    successorId: account.successorId,
    passwordChangeRequired: account.mustChangePassword,
    createdAt: new Date(account.createdAt).toISOString(),
    version: account.version,
  };
}

/** Accounts are listed by username; the cursor is the last one shown, opaque to clients. */
export function encodeAccountCursor(username: string): string {
  return Buffer.from(JSON.stringify(['account', username])).toString('base64url');
}

export function decodeAccountCursor(cursor: string): string {
  try {
    const [kind, username] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    if (kind === 'account' && typeof username === 'string' && /^[a-z0-9._-]{2,64}$/.test(username))
      return username;
  } catch {
    // not ours: refused below
  }
  throw new ValidationFailedError(CursorErrors.INVALID, 'The cursor is not one this API gave out', [
    { field: 'cursor', message: 'invalid' },
  ]);
}
