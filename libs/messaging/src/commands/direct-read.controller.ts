import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandReply, DIRECT_READ_PATH } from '@bp/contracts';
import { CommandDispatcher } from './command-dispatcher';

/**
 * The other entry point of a service: reads the gateway sends straight to its HTTP port, answered
 * by the same dispatcher as its Kafka topic (the assertion, need to know, the reply), never a
 * change. Always 200 with the reply, as Kafka would carry it: the gateway maps the outcome.
 */
@Controller()
export class DirectReadController {
  constructor(private readonly dispatcher: CommandDispatcher) {}

  @Post(DIRECT_READ_PATH)
  @HttpCode(200)
  answer(@Body() message: unknown): Promise<CommandReply> {
    return this.dispatcher.dispatch(message, 'http');
  }
}
