import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CommandAssertionVerifier, KeyRing } from '@bp/auth';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { commandControllerFor } from '../commands/command-controller';
import { DirectReadController } from '../commands/direct-read.controller';
import { MessagingRuntime } from './messaging-runtime';
import { SystemCommandHandlers } from './system-command.handlers';
import { SERVICE_MESSAGING_OPTIONS, ServiceMessagingOptions } from './service-messaging.options';

/** Everything that makes a Nest app a reliable service on the bus: commands in, events out and in. */
@Module({})
export class ServiceMessagingModule {
  static forService(options: ServiceMessagingOptions): DynamicModule {
    return {
      module: ServiceMessagingModule,
      imports: [DiscoveryModule],
      controllers: [commandControllerFor(options.service.commandTopic), DirectReadController],
      providers: [
        { provide: SERVICE_MESSAGING_OPTIONS, useValue: options },
        {
          provide: CommandAssertionVerifier,
          useFactory: () => {
            const keys = new KeyRing(options.keyDir, 'command');
            return new CommandAssertionVerifier(options.service.name, (kid) => keys.publicKey(kid));
          },
        },
        CommandDispatcher,
        MessagingRuntime,
        SystemCommandHandlers,
      ],
      exports: [CommandDispatcher, MessagingRuntime, CommandAssertionVerifier],
    };
  }
}
