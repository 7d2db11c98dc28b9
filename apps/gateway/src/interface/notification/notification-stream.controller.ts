import { BadRequestException, Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { NotificationAccess } from '@bp/contracts';
import { CORRELATION_HEADER } from '@bp/observability';
import { TOKEN_GENERATION_CLAIM } from '../../application/identity.service';
import { NotificationStreams } from '../../application/notification-streams';
import { GATEWAY_SETTINGS, GatewaySettings } from '../../config/gateway-settings';
import { STREAM_EVENT_ID, lastEventIdOf } from '../../domain/stream-position';
import { StreamEventIds } from '../../infrastructure/stream-event-ids';
import { patterned } from '../http/api-docs.decorators';
import { AuthenticatedRequest, Roles } from '../auth/auth.decorators';
import { correlationIdOf } from '../http/correlation-id.decorator';
import { securityHeadersFor } from '../http/security-headers';
import { SseSink } from './sse-sink';

/** How long a client waits before it reconnects, told to it once per stream. */
const RETRY_MS = 3_000;

const ApiProblem = (status: number, description: string) =>
  ApiResponse({ status, description: `${description} (application/problem+json)` });

/**
 * GET /notifications/stream: the caller's notifications as they are made, as server-sent events,
 * resumable with Last-Event-ID. Authenticated and limited like every route (bearer token, the
 * rate limit counts the opening); the token is never taken from the URL.
 */
@ApiTags('notifications')
@Controller()
export class NotificationStreamController {
  constructor(
    private readonly streams: NotificationStreams,
    private readonly jwt: JwtService,
    private readonly ids: StreamEventIds,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  @Get('notifications/stream')
  @Roles(...NotificationAccess.inbox)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Your notifications as they are made: a live stream (server-sent events)',
    description:
      'Each event: `id` an opaque id for you alone (another on each stream; it says nothing of what ' +
      'others are told), `event` its kind, `data` the notification as your inbox ' +
      'shows it (`id`, `kind`, `subject`, `details`, `createdAt`; references and titles, never a body). ' +
      'Send the last `id` you received as `Last-Event-ID` to resume: you get exactly what was made ' +
      'for you after it, then the live events. A stream opened without one first sends a bare `id:` ' +
      '(no event), so even a reconnect before any event misses nothing. Comment lines are heartbeats (every ' +
      '`STREAM_HEARTBEAT_SECONDS`, default 15 s); `retry:` says how long to wait before reconnecting. ' +
      'The stream ends when your token expires or your account is disabled or changed, so reconnect ' +
      'with a fresh token. An officer hears what is addressed to its current posting. At most ' +
      '`STREAM_MAX_PER_USER` open streams per user (default 5) and `STREAM_MAX_PER_INSTANCE` per ' +
      'gateway instance; beyond, 429.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'the `id` of the last event received: resume after it',
    schema: patterned(STREAM_EVENT_ID),
  })
  @ApiResponse({
    status: 200,
    description: 'text/event-stream, open until the client leaves or the token expires',
    content: {
      'text/event-stream': {
        // A stream without end has no length to state: not `type: string` with a maximum.
        schema: { description: 'server-sent events, one after another, until the stream ends' },
        example:
          'retry: 3000\n\n' +
          'id: q3Yx0m9JtW1cZ8fPe4HkVb2nLr7sAoGd5uQiNyEwXh6TjMaS\nevent: RFI_ROUTED\ndata: {"id":"8c2f4e6a-1b3d-4f5a-9c7e-0d2b4f6a8c1e","kind":"RFI_ROUTED",' +
          '"subject":{"type":"rfi","id":"3f1c7b58-3c5e-4d8e-9a3f-0e5d0d7f6a21","reference":"RFI-2026-7KQ2M9XA",' +
          '"title":"Facilitators of a smuggling network on the Silk Routes"},"details":{"assignmentId":' +
          '"7a9d2e4c-1b3f-4c5d-8e6f-9a0b1c2d3e4f","dueAt":"2026-11-28T17:00:00.000Z"},"createdAt":' +
          '"2026-11-28T09:00:01.000Z"}\n\n: heartbeat\n\n',
      },
    },
  })
  @ApiProblem(400, 'Last-Event-ID is not an id of this stream')
  @ApiProblem(401, 'no valid bearer token')
  @ApiProblem(429, 'too many open streams or requests')
  @ApiProblem(503, 'live notifications are not available now; retry')
  async stream(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    const userId = request.actor!.userId;
    const resume = lastEventIdOf(request.headers['last-event-id'], (id) =>
      this.ids.open(id, userId),
    );
    if (!resume.ok) throw new BadRequestException(resume.reason);
    const correlationId = correlationIdOf(request);
    const sink = new SseSink(reply.raw, (position) => this.ids.seal(position, userId));
    const stream = await this.streams.open(
      request.actor!,
      this.tokenOf(request),
      resume.after,
      sink,
      correlationId,
    );
    reply.hijack();
    reply.raw.on('close', () => stream.end('the client left'));
    sink.start(
      {
        ...(reply.getHeaders() as Record<string, string>),
        ...securityHeadersFor(request.routeOptions.url),
        [CORRELATION_HEADER]: correlationId,
        'content-type': 'text/event-stream; charset=utf-8',
        'x-accel-buffering': 'no',
      },
      RETRY_MS,
    );
    if (reply.raw.destroyed || request.raw.socket.destroyed) stream.end('the client left');
  }

  /** The verified token's generation and expiry (the guard checked it on this request). */
  private tokenOf(request: AuthenticatedRequest) {
    const token = request.headers.authorization!.slice('Bearer '.length);
    const claims = this.jwt.decode<{ exp?: number } & Record<string, unknown>>(token);
    const expiresAt = new Date(
      (claims.exp ?? Date.now() / 1_000 + this.settings.jwtTtlSeconds) * 1_000,
    );
    return { generation: claims[TOKEN_GENERATION_CLAIM], expiresAt };
  }
}
