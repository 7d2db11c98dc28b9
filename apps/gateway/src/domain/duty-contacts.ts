import { ForbiddenError, ValidationFailedError } from '@bp/domain-kernel';

/** Why the gateway refuses a duty roster before it reaches the notification-service. */
export const DutyContactErrors = {
  /** A person named who is not an enabled focal point account of the party. */
  CONTACT_UNFIT: 'DUTY.CONTACT_UNFIT',
  /** Only a party's own focal points keep its roster. */
  NOT_YOUR_PARTY: 'DUTY.NOT_YOUR_PARTY',
  /** No party by that code (GET /parties lists them). */
  UNKNOWN_PARTY: 'DUTY.UNKNOWN_PARTY',
} as const;

/** An account as far as a duty roster is concerned. */
export interface DutyCandidate {
  id: string;
  role: string;
  party: string | null;
  disabled: boolean;
  email: string | null;
}

/** A person the roster names, and where (`slots.2.userId`, `fallbackUserId`). */
export interface NamedContact {
  field: string;
  userId: string;
}

/** A focal point keeps its own party's roster, no other. */
export function requireOwnParty(caller: { role: string; party: string | null }, party: string) {
  if (caller.role !== 'focal_point' || caller.party !== party)
    throw new ForbiddenError(
      DutyContactErrors.NOT_YOUR_PARTY,
      `Only focal points of ${party} keep its duty roster`,
    );
}

/**
 * Every person on a party's duty roster must be an enabled focal point account of that party: a
 * page carries the request's reference and title, which only its focal points may see. Answers
 * each person's e-mail address. One message for every unfit account, whether absent, disabled,
 * of another role or of another party, so a roster cannot be used to probe other parties' accounts.
 */
export function fitDutyContacts(
  party: string,
  named: readonly NamedContact[],
  found: readonly DutyCandidate[],
): Map<string, string | null> {
  const byId = new Map(found.map((account) => [account.id, account]));
  const errors = named
    .filter(({ userId }) => {
      const account = byId.get(userId);
      return (
        !account || account.disabled || account.role !== 'focal_point' || account.party !== party
      );
    })
    .map(({ field }) => ({
      field,
      message: `is not an enabled focal point account of ${party}`,
    }));
  if (errors.length)
    throw new ValidationFailedError(
      DutyContactErrors.CONTACT_UNFIT,
      'Everyone on a duty roster is an enabled focal point of the party',
      errors,
    );
  return new Map(named.map(({ userId }) => [userId, byId.get(userId)!.email]));
}
