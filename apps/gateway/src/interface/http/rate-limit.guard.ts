import {
  CanActivate,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
} from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { isTransientDatabaseError } from '@bp/persistence';
import { GATEWAY_SETTINGS, GatewaySettings } from '../../config/gateway-settings';
import { RateLimitPolicy, judge, rateLimitSubject } from '../../domain/rate-limit';
import { RateLimitCounter } from '../../infrastructure/persistence/rate-limit-counter';
import { API_PREFIX, AuthenticatedRequest } from '../auth/auth.decorators';

/**
 * The per-user rate limit on every API route, registered as the global guard after authentication
 * so that it counts the verified user (request.actor), or the address for a public route such as
 * signing in. A request the authentication guard refuses is not counted: it is refused before it
 * costs more than a signature check. Health and metrics are for the orchestrator and the scraper,
 * not the API, and are not limited: a throttled probe would restart a healthy gateway.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger(RateLimitGuard.name);
  private readonly policy: RateLimitPolicy;

  constructor(
    private readonly counter: RateLimitCounter,
    @Inject(GATEWAY_SETTINGS) settings: GatewaySettings,
  ) {
    this.policy = settings.rateLimit;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    // The route's pattern decides, not the URL text: no spelling of a path escapes the limit.
    if (!request.routeOptions.url?.startsWith(`/${API_PREFIX}/`)) return true;
    const subject = rateLimitSubject(request.actor?.userId, request.ip);
    let count;
    try {
      count = await this.counter.count(subject, this.policy.windowSeconds);
    } catch (error) {
      // The gateway's database is down: serve rather than refuse everyone; the services behind
      // still answer for themselves. Any other failure is a fault and surfaces as such.
      if (!isTransientDatabaseError(error)) throw error;
      this.logger.warn('Rate limit not checked: the gateway database is unavailable');
      return true;
    }
    const verdict = judge(this.policy, count);
    void http.getResponse<FastifyReply>().headers(verdict.headers);
    if (!verdict.allowed)
      throw new HttpException(
        `Too many requests: at most ${this.policy.limit} in ${this.policy.windowSeconds} s; retry in ${verdict.resetSeconds} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    return true;
  }
}
