import { UserAccount } from './user-account';

/** What can happen to an account; each is one line of the audit log. */
export const ACCOUNT_AUDIT_ACTIONS = [
  'ACCOUNT_CREATED',
  'ACCOUNT_DISABLED',
  'ACCOUNT_ENABLED',
  'ROLE_CHANGED',
  'SUCCESSOR_NAMED',
  'SUCCESSOR_CLEARED',
  'PASSWORD_RESET',
  'PASSWORD_CHANGED',
  // Details say whether an address is set now, never the address.
  'EMAIL_CHANGED',
  // Who used an account, and who tried: what shows a departed or stolen account still at work.
  'SIGNED_IN',
  'SIGN_IN_REFUSED',
] as const;
export type AccountAuditAction = (typeof ACCOUNT_AUDIT_ACTIONS)[number];

/** Details are plain values and never a password, a hash or a token. */
export type AuditDetails = Record<string, string | number | boolean | null>;

/** One change as a domain rule reports it; who and when are added by the use case. */
export interface AccountAuditFact {
  action: AccountAuditAction;
  details: AuditDetails;
}

/** A line of the append-only audit log: who did what to which account, and when. */
export interface AccountAuditEntry {
  at: Date;
  action: AccountAuditAction;
  /** null only for accounts created by the demo seed, which no person ran through the API. */
  actor: { userId: string; username: string } | null;
  target: { userId: string; username: string };
  details: AuditDetails;
}

export function accountCreated(account: UserAccount): AccountAuditFact {
  return {
    action: 'ACCOUNT_CREATED',
    details: { role: account.role, party: account.party, officerId: account.officerId },
  };
}

export function auditEntries(
  facts: readonly AccountAuditFact[],
  actor: { userId: string; username: string } | null,
  target: Pick<UserAccount, 'id' | 'username'>,
  at: Date,
): AccountAuditEntry[] {
  return facts.map((fact) => ({
    at,
    action: fact.action,
    actor: actor ? { userId: actor.userId, username: actor.username } : null,
    target: { userId: target.id, username: target.username },
    details: fact.details,
  }));
}

/** A sign-in on a known account, from an address; unknown usernames have no account to name. */
export function signInAttempt(
  outcome: 'SIGNED_IN' | 'WRONG_PASSWORD' | 'DISABLED',
  address: string,
): AccountAuditFact {
  return outcome === 'SIGNED_IN'
    ? { action: 'SIGNED_IN', details: { address } }
    : { action: 'SIGN_IN_REFUSED', details: { reason: outcome, address } };
}
