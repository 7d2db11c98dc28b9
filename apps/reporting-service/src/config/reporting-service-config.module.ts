import { DynamicModule, Module } from '@nestjs/common';
import { REPORTING_SERVICE_SETTINGS, ReportingServiceSettings } from './reporting-service-settings';

/** Provides the settings main.ts loaded at boot to every provider of the app that asks for them. */
@Module({})
export class ReportingServiceConfigModule {
  static forRoot(settings: ReportingServiceSettings): DynamicModule {
    return {
      module: ReportingServiceConfigModule,
      global: true,
      providers: [{ provide: REPORTING_SERVICE_SETTINGS, useValue: settings }],
      exports: [REPORTING_SERVICE_SETTINGS],
    };
  }
}
