import { DynamicModule, Module } from '@nestjs/common';
import { RfiSettings } from '../application/rfi-settings';
import { AttachmentSettings } from '../application/attachment-settings';
import { RFI_SERVICE_SETTINGS, RfiServiceSettings } from './rfi-service-settings';

/** Provides the settings main.ts loaded at boot to every provider of the app that asks for them. */
@Module({})
export class RfiServiceConfigModule {
  static forRoot(settings: RfiServiceSettings): DynamicModule {
    return {
      module: RfiServiceConfigModule,
      global: true,
      providers: [
        { provide: RFI_SERVICE_SETTINGS, useValue: settings },
        { provide: RfiSettings, useValue: settings.rfi },
        { provide: AttachmentSettings, useValue: settings.attachments },
      ],
      exports: [RFI_SERVICE_SETTINGS, RfiSettings, AttachmentSettings],
    };
  }
}
