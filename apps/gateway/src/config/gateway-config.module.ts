import { DynamicModule, Module } from '@nestjs/common';
import { GATEWAY_SETTINGS, GatewaySettings } from './gateway-settings';

/** Provides the settings main.ts loaded at boot to every provider of the app that asks for them. */
@Module({})
export class GatewayConfigModule {
  static forRoot(settings: GatewaySettings): DynamicModule {
    return {
      module: GatewayConfigModule,
      global: true,
      providers: [{ provide: GATEWAY_SETTINGS, useValue: settings }],
      exports: [GATEWAY_SETTINGS],
    };
  }
}
