import {
  BadRequestException,
  ExecutionContext,
  Injectable,
  createParamDecorator,
} from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { CommandDefinition, CommandInput } from '@bp/contracts';
import { GatewayServiceClient } from '../../infrastructure/service-client.provider';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { correlationIdOf } from './correlation-id.decorator';
import { ServiceProblem } from '../../infrastructure/service-problem';

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
/** One ETag as this API gives them, weak or strong, quoted or not. */
export const IF_MATCH = /^(?:W\/)?"?([^",]{1,64})"?$/;

/** The HTTP request and its reply, which a forwarded call reads headers from and writes status and ETag to. */
export interface HttpExchange {
  request: AuthenticatedRequest;
  reply: FastifyReply;
}

export const Exchange = createParamDecorator(
  (_: unknown, context: ExecutionContext): HttpExchange => ({
    request: context.switchToHttp().getRequest<AuthenticatedRequest>(),
    reply: context.switchToHttp().getResponse<FastifyReply>(),
  }),
);

/** `"12"`, `W/"12"` or `12` → `12`; `*` means "any version" and checks nothing. */
export function parseIfMatch(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string' || header.trim() === '*' || !header.trim()) return undefined;
  const match = IF_MATCH.exec(header.trim());
  if (!match) throw new BadRequestException('If-Match must be one ETag, as given by this API');
  return match[1];
}

export function idempotencyKeyOf(request: AuthenticatedRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined || request.method !== 'POST') return undefined;
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) {
    throw new BadRequestException('Idempotency-Key must be 1 to 255 visible ASCII characters');
  }
  return header;
}

/**
 * Sends one API request to the service that owns it, with the verified actor, the correlation id,
 * Idempotency-Key and If-Match, and turns the reply into the HTTP answer (status, ETag, body or
 * the service's problem). The service and the Kafka key come from the command's definition.
 */
@Injectable()
export class ServiceCalls {
  constructor(private readonly client: GatewayServiceClient) {}

  async call<C extends CommandDefinition>(
    command: C,
    payload: CommandInput<C>,
    { request, reply }: HttpExchange,
  ): Promise<unknown> {
    if (command.service === 'every') throw new Error(`${command.name} is not one service's`);
    const aggregateKey = command.key ? (payload as Record<string, string>)[command.key] : undefined;
    const result = await this.client.request(command.service, command, payload, {
      actor: request.actor,
      correlationId: correlationIdOf(request),
      idempotencyKey: idempotencyKeyOf(request),
      ifMatch: parseIfMatch(request.headers['if-match']),
      key: aggregateKey,
    });
    if (!result.ok) throw new ServiceProblem(result.problem);
    void reply.status(result.status);
    if (result.etag) void reply.header('etag', `"${result.etag}"`);
    return result.body;
  }
}
