import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { verify } from 'jsonwebtoken';
import { TokenKeys } from '../../infrastructure/token-keys';
import { VerifiedTokens } from '../../infrastructure/verified-tokens';
import { ForbiddenError, Role, RoleErrors } from '@bp/contracts';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, actorFromClaims } from '@bp/auth';
import { IdentityService, TOKEN_GENERATION_CLAIM } from '../../application/identity.service';
import { PasswordErrors } from '../../domain/account-errors';
import {
  AuthenticatedRequest,
  OPEN_BEFORE_PASSWORD_CHANGE,
  PUBLIC_ROUTE,
  REQUIRED_ROLES,
} from './auth.decorators';

const ACCESS_TOKEN_CHECKS = {
  algorithms: ['RS256' as const],
  issuer: TOKEN_ISSUER,
  audience: TOKEN_AUDIENCE,
};

/**
 * Every API route needs a valid bearer token unless marked @Public(); a route marked @Roles() also
 * needs one of those roles. A valid signature is not enough: the account behind the token is read
 * on every request, so a disabled account, a changed role or a new password takes effect on the
 * very next request, not when the token expires. The actor sent on to the services is built from
 * the account as it is now.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokenKeys: TokenKeys,
    private readonly identity: IdentityService,
  ) {}

  /** Each token's signature is checked once per process, not on every request it comes with. */
  private readonly verified = new VerifiedTokens();

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    // Deny by default: only metadata opens a route. The URL text is never consulted, so no spelling
    // of a path (percent-encoding, dot segments, absolute form) can reach a route without a token.
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = soleAuthorization(request);
    const match = header !== undefined ? /^Bearer ([A-Za-z0-9._-]+)$/.exec(header) : null;
    if (!match)
      throw new UnauthorizedException('A bearer token is required (POST /api/v1/auth/token)');
    const claims = this.verifiedClaims(match[1]!);
    const claimed = actorFromClaims(claims);
    if (!claimed)
      throw new UnauthorizedException('The token does not describe a user of this system');
    const caller = await this.identity.admit(claimed.userId, claims[TOKEN_GENERATION_CLAIM]);
    request.actor = caller.actor;
    if (
      caller.passwordChangeRequired &&
      !this.reflector.getAllAndOverride<boolean>(OPEN_BEFORE_PASSWORD_CHANGE, targets)
    ) {
      // Refused with the codes a service uses, so a client branches the same way wherever it is.
      throw new ForbiddenError(
        PasswordErrors.CHANGE_REQUIRED,
        'A password change is required: POST /api/v1/me/password with the temporary password first',
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(caller.actor.role))
      throw new ForbiddenError(RoleErrors.FORBIDDEN, `Only ${roles.join(' or ')} may do this`);
    return true;
  }

  private verifiedClaims(token: string): Record<string, unknown> {
    const publicKey = this.tokenKeys.forToken(token);
    if (!publicKey) throw new UnauthorizedException('The token is invalid or has expired');
    const known = this.verified.claimsOf(token, publicKey, Date.now());
    if (known) return known;
    let claims: Record<string, unknown>;
    try {
      // jsonwebtoken itself: it takes the parsed key (@nestjs/jwt's types allow only PEM text).
      claims = verify(token, publicKey, ACCESS_TOKEN_CHECKS) as Record<string, unknown>;
    } catch {
      throw new UnauthorizedException('The token is invalid or has expired');
    }
    this.verified.remember(token, publicKey, claims);
    return claims;
  }
}

/**
 * The Authorization header when the request has exactly one. Node keeps the first of repeated
 * Authorization lines and drops the rest; a request carrying two credentials is ambiguous, so it
 * is refused rather than judged by whichever comes first.
 */
function soleAuthorization(request: AuthenticatedRequest): string | undefined {
  const raw = request.raw.rawHeaders;
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]?.toLowerCase() === 'authorization') count += 1;
  const header = request.headers.authorization;
  return count === 1 && typeof header === 'string' ? header : undefined;
}
