import { Body, Controller, HttpCode, Logger, Post, Req } from '@nestjs/common';
import { CommandErrors, CommandReply, DIRECT_READ_PATH } from '@bp/contracts';
import { SpanKind, extractTraceContext, inSpan } from '@bp/observability';
import { CommandDispatcher } from './command-dispatcher';

/** Refusals that say the sender is not the gateway, or not a well-behaved one. */
const SUSPECT: readonly string[] = [
  CommandErrors.UNVERIFIED,
  CommandErrors.WRONG_ROAD,
  CommandErrors.MALFORMED,
];

/**
 * The other entry point of a service: reads the gateway sends straight to its HTTP port, answered
 * by the same dispatcher as its Kafka topic (the assertion, need to know, the reply), never a
 * change. Always 200 with the reply, as Kafka would carry it: the gateway maps the outcome.
 */
@Controller()
export class DirectReadController {
  private readonly logger = new Logger(DirectReadController.name);

  constructor(private readonly dispatcher: CommandDispatcher) {}

  @Post(DIRECT_READ_PATH)
  @HttpCode(200)
  async answer(
    @Body() message: unknown,
    @Req() request: { ip?: string; headers: Record<string, unknown> },
  ): Promise<CommandReply> {
    // The gateway's read is the parent: only the gateway reaches this port (a caller that is not
    // is refused below, whatever trace it claims).
    const reply = await inSpan(
      {
        name: `POST /${DIRECT_READ_PATH}`,
        kind: SpanKind.SERVER,
        parent: extractTraceContext(request.headers),
        attributes: () => ({ 'http.request.method': 'POST', 'http.route': `/${DIRECT_READ_PATH}` }),
      },
      () => this.dispatcher.dispatch(message, 'http'),
    );
    // These requests are not logged one by one (the gateway logs the user's): who sent a
    // refused one is.
    if (!reply.ok && SUSPECT.includes(reply.problem.code ?? ''))
      this.logger.warn(`A read from ${request.ip ?? 'an unknown address'} was refused`);
    return reply;
  }
}
