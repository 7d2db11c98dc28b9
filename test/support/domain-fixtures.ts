import { Actor, DomainError } from '@bp/contracts';

/** The HTTP status a domain rule answers with, or 'ok': what table-driven rule tests compare. */
export function statusOf(fn: () => unknown): number | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.status;
    throw error;
  }
}

export function actor(
  username: string,
  role: Actor['role'],
  party: string | null,
  officerId: string | null = null,
): Actor {
  return { userId: `user-${username}`, username, role, party, officerId };
}
