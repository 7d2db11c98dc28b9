import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ServiceClient, kafkaBrokersFromEnv } from '@bp/messaging';
import { gatewaySettingsFromEnv } from '../config/gateway-environment';

/** The gateway's one ServiceClient, connected before the HTTP server takes requests. */
@Injectable()
export class GatewayServiceClient
  extends ServiceClient
  implements OnModuleInit, OnApplicationShutdown
{
  constructor() {
    const settings = gatewaySettingsFromEnv();
    super({
      brokers: kafkaBrokersFromEnv(),
      instanceId: settings.instanceId,
      timeoutMs: settings.serviceTimeoutMs,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
