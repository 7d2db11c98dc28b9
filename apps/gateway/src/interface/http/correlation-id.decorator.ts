import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ensureRequestCorrelationId } from '@bp/observability';

/** The id pino-http gave this request (the caller's X-Correlation-Id when sane), for the messages it causes. */
export function correlationIdOf(request: FastifyRequest): string {
  return ensureRequestCorrelationId(request.raw as typeof request.raw & { id?: unknown });
}

export const CorrelationId = createParamDecorator((_: unknown, context: ExecutionContext) =>
  correlationIdOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
