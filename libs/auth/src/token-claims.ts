import { Actor, ActorDto, validatePlain } from '@bp/contracts';

export const TOKEN_ISSUER = 'bp-channel-gateway';
export const TOKEN_AUDIENCE = 'bp-channel';

/** What an access token says about its holder; `sub` is the user id. */
export interface AccessTokenClaims {
  sub: string;
  username: string;
  role: Actor['role'];
  party: string | null;
  officerId: string | null;
}

export function claimsOf(actor: Actor): AccessTokenClaims {
  return {
    sub: actor.userId,
    username: actor.username,
    role: actor.role,
    party: actor.party,
    officerId: actor.officerId,
  };
}

/** The actor of a verified token, or null when its claims are not what this system issues. */
export function actorFromClaims(claims: Record<string, unknown>): Actor | null {
  const checked = validatePlain(ActorDto, {
    userId: claims.sub,
    username: claims.username,
    role: claims.role,
    party: claims.party ?? null,
    officerId: claims.officerId ?? null,
  });
  return checked.ok ? { ...checked.value } : null;
}
