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
import { WhoMustAct } from './application/who-must-act';
import { NotificationFanOut } from './application/notification-fan-out';
import { NotificationEventHandlers } from './interface/notification-event.handlers';
import { WebhookRegistrations } from './infrastructure/persistence/webhook-registrations.store';
import { WebhookDeliveries } from './infrastructure/persistence/webhook-deliveries.store';
import { SecretBox } from './infrastructure/webhooks/secret-box';
import { WebhookTargets } from './infrastructure/webhooks/webhook-targets';
import { WebhookSender } from './infrastructure/webhooks/webhook-sender';
import { WebhookQueue } from './application/webhook-queue';
import { WebhookRegistration } from './application/webhook-registration';
import { WebhookDeliveryLog } from './application/webhook-delivery-log';
import { WebhookDispatcher } from './application/webhook-dispatcher';

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
        WhoMustAct,
        NotificationFanOut,
        NotificationEventHandlers,
        WebhookRegistrations,
        WebhookDeliveries,
        SecretBox,
        WebhookTargets,
        WebhookSender,
        WebhookQueue,
        WebhookRegistration,
        WebhookDeliveryLog,
        WebhookDispatcher,
      ],
    };
  }
}
