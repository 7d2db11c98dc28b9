import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CommandAssertionSigner, loadOrCreateCommandKeys } from '@bp/auth';
import { ServiceClient } from '@bp/messaging';
import { GATEWAY_SETTINGS, GatewaySettings } from '../config/gateway-settings';

/** The gateway's one ServiceClient, connected before the HTTP server takes requests. */
@Injectable()
export class GatewayServiceClient
  extends ServiceClient
  implements OnModuleInit, OnApplicationShutdown
{
  constructor(@Inject(GATEWAY_SETTINGS) settings: GatewaySettings) {
    super({
      brokers: settings.kafkaBrokers,
      instanceId: settings.instanceId,
      timeoutMs: settings.serviceTimeoutMs,
      signer: new CommandAssertionSigner(loadOrCreateCommandKeys(settings.keyDir)),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
