import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CommandAssertionSigner } from '@bp/auth';
import { ServiceClient } from '@bp/messaging';
import { GATEWAY_SETTINGS, GatewaySettings } from '../config/gateway-settings';
import { CommandKeys } from './command-keys';

/** The gateway's one ServiceClient, connected before the HTTP server takes requests. */
@Injectable()
export class GatewayServiceClient
  extends ServiceClient
  implements OnModuleInit, OnApplicationShutdown
{
  constructor(@Inject(GATEWAY_SETTINGS) settings: GatewaySettings, commandKeys: CommandKeys) {
    super({
      kafka: settings.kafka,
      instanceId: settings.instanceId,
      timeoutMs: settings.serviceTimeoutMs,
      signer: new CommandAssertionSigner(commandKeys),
      directReads: settings.readsThrough === 'http' ? settings.serviceUrls : undefined,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
