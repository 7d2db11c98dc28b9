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
import { CallerAudiences } from './application/caller-audiences';
import { NotificationStream } from './application/notification-stream';
import { StreamQuery } from './infrastructure/persistence/stream.query';
import { WhoMustAct } from './application/who-must-act';
import { NotificationFanOut } from './application/notification-fan-out';
import { NOTIFICATION_FAN_OUT } from './application/notification-listener';
import { NotificationEventHandlers } from './interface/notification-event.handlers';
import { DutyRosters } from './infrastructure/persistence/duty-rosters';
import { DutyPages } from './infrastructure/persistence/duty-pages';
import { EmailOutbox } from './infrastructure/persistence/email-outbox';
import { SmtpMailer } from './infrastructure/smtp-mailer';
import { DutyPager } from './application/duty-pager';
import { PageDelivery } from './application/page-delivery';
import { PageEscalationScheduler } from './application/page-escalation.scheduler';
import { EmailSender } from './application/email-sender';
import { DutyRosterChanges } from './application/duty-roster-changes';
import { PageAcknowledgements } from './application/page-acknowledgements';
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
        CallerAudiences,
        Inbox,
        StreamQuery,
        NotificationStream,
        WhoMustAct,
        NotificationFanOut,
        { provide: NOTIFICATION_FAN_OUT, useExisting: NotificationFanOut },
        NotificationEventHandlers,
        DutyRosters,
        DutyPages,
        EmailOutbox,
        SmtpMailer,
        DutyPager,
        PageDelivery,
        PageEscalationScheduler,
        EmailSender,
        DutyRosterChanges,
        PageAcknowledgements,
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
