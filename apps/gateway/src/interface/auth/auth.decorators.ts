import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Actor, Role } from '@bp/contracts';

export const API_PREFIX = 'api/v1';
export const REQUIRED_ROLES = 'bp:required-roles';

export { PUBLIC_ROUTE, Public } from '@bp/auth';

/** Only these roles may call the route at all (403 otherwise). Record-level checks are the services'. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const OPEN_BEFORE_PASSWORD_CHANGE = 'bp:open-before-password-change';

/**
 * The few routes a holder of a reset (temporary) password may use before choosing their own:
 * GET /me and POST /me/password. Every other route answers 403 until then.
 */
export const OpenBeforePasswordChange = () => SetMetadata(OPEN_BEFORE_PASSWORD_CHANGE, true);

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

/** The verified caller, set by the authentication guard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor on a route without authentication');
  return actor;
});
