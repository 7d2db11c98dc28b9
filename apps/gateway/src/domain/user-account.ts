import { Actor, Role, ValidationFailedError } from '@bp/domain-kernel';
import { AccountErrors } from './account-errors';

/** A person who may sign in, with the one role and (where the role has one) the party they act for. */
export interface UserAccount {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  party: string | null;
  officerId: string | null;
  /** Where duty pages are mailed; shown to admins and the holder only, never to other parties. */
  email: string | null;
  disabled: boolean;
  /** Who takes over from this account (a departed focal point's replacement), if named. */
  successorId: string | null;
  /** Set by an admin's reset: until the holder picks a password, a token opens only /me and /me/password. */
  mustChangePassword: boolean;
  /**
   * Raised whenever the tokens issued so far must stop working (disable, role change, password
   * change or reset); every token carries the generation it was issued under.
   */
  tokenGeneration: number;
  /** Counts changes; the ETag of the account. */
  version: number;
  createdAt: Date;
}

/**
 * Role and party must fit together: a focal point acts for exactly one party, an officer for the
 * party that sends them (and is linked to their officer record); the secretariat and admins act
 * for no party. The secretariat is a compartment of its own, distinct from ICMPD as a party: if it
 * carried ICMPD's code, it would see what is addressed to ICMPD's focal point, and the reverse. A
 * mismatch would let someone see another party's requests.
 */
export function assertConsistentAccount(
  account: Pick<UserAccount, 'role' | 'party' | 'officerId'>,
  isKnownParty: (code: string) => boolean,
): void {
  const errors: { field: string; message: string }[] = [];
  const { role, party, officerId } = account;
  if (party !== null && !isKnownParty(party))
    errors.push({ field: 'party', message: `unknown party ${party}` });
  if ((role === 'focal_point' || role === 'liaison_officer') && party === null) {
    errors.push({ field: 'party', message: `a ${role} acts for a party` });
  }
  if ((role === 'secretariat' || role === 'admin' || role === 'chair') && party !== null)
    errors.push({ field: 'party', message: `a ${role} acts for no party` });
  if (role === 'liaison_officer' && officerId === null) {
    errors.push({
      field: 'officerId',
      message: 'a liaison officer account is linked to an officer',
    });
  }
  if (role !== 'liaison_officer' && officerId !== null) {
    errors.push({
      field: 'officerId',
      message: 'only liaison officer accounts are linked to an officer',
    });
  }
  if (errors.length)
    throw new ValidationFailedError(
      AccountErrors.INCONSISTENT,
      'The account is not consistent',
      errors,
    );
}

export function actorOf(
  account: Pick<UserAccount, 'id' | 'username' | 'role' | 'party' | 'officerId'>,
): Actor {
  return {
    userId: account.id,
    username: account.username,
    role: account.role,
    // Accounts created before the secretariat became its own compartment still say ICMPD.
    party: account.role === 'secretariat' ? null : account.party,
    officerId: account.officerId,
  };
}

/** Demo accounts: one focal point per party, named fp-<code in lower case>. */
export function focalPointUsername(partyCode: string): string {
  return `fp-${partyCode.toLowerCase().replace(/_/g, '-')}`;
}
