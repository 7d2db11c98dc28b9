import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Role } from '@bp/contracts';
import { actorFromClaims } from '@bp/auth';
import { AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';

/**
 * Every API route needs a valid bearer token unless marked @Public(); a route marked @Roles() also
 * needs one of those roles. The verified actor is what the gateway sends on to the services.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    // Deny by default: only metadata opens a route. The URL text is never consulted, so no spelling
    // of a path (percent-encoding, dot segments, absolute form) can reach a route without a token.
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._-]+)$/.exec(header) : null;
    if (!match)
      throw new UnauthorizedException('A bearer token is required (POST /api/v1/auth/token)');
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync<Record<string, unknown>>(match[1]!);
    } catch {
      throw new UnauthorizedException('The token is invalid or has expired');
    }
    const actor = actorFromClaims(claims);
    if (!actor)
      throw new UnauthorizedException('The token does not describe a user of this system');
    request.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(actor.role))
      throw new ForbiddenException(`Only ${roles.join(' or ')} may do this`);
    return true;
  }
}
