import { CanActivate, ExecutionContext, HttpException, Injectable } from '@nestjs/common';
import { clientNetwork } from '../../domain/client-network';
import { FastifyReply } from 'fastify';
import { AttemptWindows } from '../../infrastructure/attempt-windows';
import { AuthenticatedRequest } from './auth.decorators';

/**
 * The limits on password attempts, per minute: from one address whatever the usernames (against
 * spraying many accounts), and from one address on one account (so one user's typos lock out
 * nobody else). Kept in this process's memory: each gateway instance counts on its own, so N
 * instances behind a balancer allow N times the figures.
 */
export class LoginLimits {
  readonly perAddress: AttemptWindows;
  readonly perAccount: AttemptWindows;

  constructor(limits: { perAddress: number; perAccount: number }) {
    this.perAddress = new AttemptWindows(limits.perAddress, 60_000);
    this.perAccount = new AttemptWindows(limits.perAccount, 60_000);
  }
}

/**
 * On the routes that check a password (POST /auth/token, POST /me/password). The address is counted
 * first, so an attempt refused for its account still counts against its address. Refusals are 429
 * problem+json with Retry-After, answered before any password is hashed.
 */
@Injectable()
export class LoginLimitsGuard implements CanActivate {
  constructor(private readonly limits: LoginLimits) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const address = clientNetwork(request.ip);
    const byAddress = this.limits.perAddress.hit(address);
    if (!byAddress.allowed) this.refuse(context, byAddress.retryAfterSeconds, 'from this address');
    const byAccount = this.limits.perAccount.hit(`${address} ${accountOf(request)}`);
    if (!byAccount.allowed) this.refuse(context, byAccount.retryAfterSeconds, 'for this account');
    return true;
  }

  private refuse(context: ExecutionContext, retryAfterSeconds: number, what: string): never {
    void context
      .switchToHttp()
      .getResponse<FastifyReply>()
      .header('retry-after', String(retryAfterSeconds));
    throw new HttpException(
      `Too many password attempts ${what}; retry in ${retryAfterSeconds} s`,
      429,
    );
  }
}

/** The signed-in account on POST /me/password, the username given on POST /auth/token. */
function accountOf(request: AuthenticatedRequest): string {
  if (request.actor) return `id:${request.actor.userId}`;
  const body = request.body as { username?: unknown } | undefined;
  return `name:${typeof body?.username === 'string' ? body.username.slice(0, 64) : ''}`;
}
