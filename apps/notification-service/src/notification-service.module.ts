import { DynamicModule, Module } from '@nestjs/common';
import { SERVICES } from '@bp/contracts';
import { ServicePlatformModule } from '@bp/messaging';
import { NotificationServiceConfigModule } from './config/notification-service-config.module';
import { NotificationServiceSettings } from './config/notification-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';
import { NotificationStore } from './infrastructure/persistence/notification-store';
import { InboxQuery } from './infrastructure/persistence/inbox.query';
import { OfficerPostings } from './infrastructure/persistence/officer-postings';
import { Inbox } from './application/inbox';
import { NotificationStream } from './application/notification-stream';
import { StreamQuery } from './infrastructure/persistence/stream.query';
import { WhoMustAct } from './application/who-must-act';
import { NotificationFanOut } from './application/notification-fan-out';
import { NotificationEventHandlers } from './interface/notification-event.handlers';

@Module({})
export class NotificationServiceModule {
  /** The app with the settings main.ts loaded from the environment. */
  static forRoot(settings: NotificationServiceSettings): DynamicModule {
    return {
      module: NotificationServiceModule,
      imports: [
        NotificationServiceConfigModule.forRoot(settings),
        ServicePlatformModule.forService({
          service: SERVICES.notification,
          settings,
          orm: ormConfig(settings.database),
        }),
      ],
      providers: [
        NotificationStore,
        InboxQuery,
        OfficerPostings,
        Inbox,
        StreamQuery,
        NotificationStream,
        WhoMustAct,
        NotificationFanOut,
        NotificationEventHandlers,
      ],
    };
  }
}
