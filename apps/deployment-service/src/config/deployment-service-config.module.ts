import { DynamicModule, Module } from '@nestjs/common';
import {
  DEPLOYMENT_SERVICE_SETTINGS,
  DeploymentServiceSettings,
} from './deployment-service-settings';

/** Provides the settings main.ts loaded at boot to every provider of the app that asks for them. */
@Module({})
export class DeploymentServiceConfigModule {
  static forRoot(settings: DeploymentServiceSettings): DynamicModule {
    return {
      module: DeploymentServiceConfigModule,
      global: true,
      providers: [{ provide: DEPLOYMENT_SERVICE_SETTINGS, useValue: settings }],
      exports: [DEPLOYMENT_SERVICE_SETTINGS],
    };
  }
}
