import { Actor, ForbiddenError, ROLES, Role, RoleErrors } from '@bp/contracts';

export { ROLES };
export type { Actor, Role };

/** The caller, or a refusal: services never act for an anonymous caller. */
export function requireActor(actor: Actor | null | undefined): Actor {
  if (!actor)
    throw new ForbiddenError(RoleErrors.UNAUTHENTICATED, 'This action needs an authenticated user');
  return actor;
}

/** Role checks answer 403: the role may not do this at all, whatever the record. */
export function requireRole(actor: Actor | null | undefined, ...roles: Role[]): Actor {
  const known = requireActor(actor);
  if (!roles.includes(known.role)) {
    throw new ForbiddenError(RoleErrors.FORBIDDEN, `Only ${roles.join(' or ')} may do this`);
  }
  return known;
}

/** A focal point acts for one party; this is that party, or a refusal. */
export function requireParty(actor: Actor): string {
  if (!actor.party)
    throw new ForbiddenError(
      RoleErrors.PARTY_REQUIRED,
      'This action needs a user who acts for a party',
    );
  return actor.party;
}
