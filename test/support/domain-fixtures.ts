import { Actor, DomainError, ValidationFailedError, problemOf } from '@bp/contracts';

/** The HTTP status a domain refusal becomes at the edge, or 'ok': what table-driven rule tests compare. */
export function statusOf(fn: () => unknown): number | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return problemOf(error).status;
    throw error;
  }
}

/** The code a domain refusal carries to the client, or 'ok': for the refusals clients branch on. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

/** The field errors of a validation refusal, or none when the rule accepts. */
export function fieldErrorsOf(fn: () => unknown): { field: string; message: string }[] {
  try {
    fn();
    return [];
  } catch (error) {
    if (error instanceof ValidationFailedError) return [...error.errors];
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
