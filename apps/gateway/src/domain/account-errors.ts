/** Why the identity rules refuse a change to an account: stable codes clients can branch on. */
export const AccountErrors = {
  /** No such account (an admin-only area: nothing to hide, but the same code either way). */
  NOT_FOUND: 'ACCOUNT.NOT_FOUND',
  USERNAME_TAKEN: 'ACCOUNT.USERNAME_TAKEN',
  /** Role, party and officer do not fit together. */
  INCONSISTENT: 'ACCOUNT.INCONSISTENT',
  NOTHING_TO_CHANGE: 'ACCOUNT.NOTHING_TO_CHANGE',
  /** The account's party or officer does not fit the new role. */
  ROLE_CHANGE_UNFIT: 'ACCOUNT.ROLE_CHANGE_UNFIT',
  /** The named successor is not an enabled account of the same party and role. */
  SUCCESSOR_UNFIT: 'ACCOUNT.SUCCESSOR_UNFIT',
  /** An admin may not disable, demote or reset their own account. */
  OWN_ACCOUNT_LOCKOUT: 'ACCOUNT.OWN_ACCOUNT_LOCKOUT',
  /** The linked officer does not exist. */
  OFFICER_UNKNOWN: 'ACCOUNT.OFFICER_UNKNOWN',
  /** A liaison officer account acts for the party that sends the officer. */
  OFFICER_PARTY_MISMATCH: 'ACCOUNT.OFFICER_PARTY_MISMATCH',
} as const;

export const PasswordErrors = {
  /** The account has a temporary password: change it (POST /me/password) before anything else. */
  CHANGE_REQUIRED: 'PASSWORD.CHANGE_REQUIRED',
  CURRENT_WRONG: 'PASSWORD.CURRENT_WRONG',
  LENGTH: 'PASSWORD.LENGTH',
  UNCHANGED: 'PASSWORD.UNCHANGED',
  /** Another session changed the password meanwhile. */
  CHANGED_MEANWHILE: 'PASSWORD.CHANGED_MEANWHILE',
} as const;
