import { Controller, Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CommandReply } from '@bp/contracts';
import { CommandDispatcher } from './command-dispatcher';

/** The one Kafka entry point of a service: its command topic, answered through the dispatcher. */
export function commandControllerFor(commandTopic: string): Type<unknown> {
  @Controller()
  class CommandController {
    constructor(private readonly dispatcher: CommandDispatcher) {}

    @MessagePattern(commandTopic)
    handle(@Payload() message: unknown): Promise<CommandReply> {
      return this.dispatcher.dispatch(message);
    }
  }
  return CommandController;
}
