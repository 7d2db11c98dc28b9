import { DynamicModule, Module } from '@nestjs/common';
import {
  NOTIFICATION_SERVICE_SETTINGS,
  NotificationServiceSettings,
} from './notification-service-settings';

/** Provides the settings main.ts loaded at boot to every provider of the app that asks for them. */
@Module({})
export class NotificationServiceConfigModule {
  static forRoot(settings: NotificationServiceSettings): DynamicModule {
    return {
      module: NotificationServiceConfigModule,
      global: true,
      providers: [{ provide: NOTIFICATION_SERVICE_SETTINGS, useValue: settings }],
      exports: [NOTIFICATION_SERVICE_SETTINGS],
    };
  }
}
