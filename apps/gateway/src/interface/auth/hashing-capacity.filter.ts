import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { WorkLimitExceeded } from '../../infrastructure/work-limit';
import { problemFor, sendProblem } from '../http/problem-details.filter';

/**
 * More passwords to check than the gateway will hash at once: 503 at once with Retry-After, rather
 * than a queue that grows with the flood. On the identity routes, the only ones that hash.
 */
@Catch(WorkLimitExceeded)
export class HashingCapacityFilter implements ExceptionFilter {
  catch(_: WorkLimitExceeded, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    void reply.header('retry-after', '1');
    sendProblem(
      reply,
      problemFor(503, 'Too many passwords are being checked at once; retry in a moment'),
      http.getRequest<FastifyRequest>(),
    );
  }
}
