import 'reflect-metadata';
import { SERVICES } from '@bp/contracts';
import { startTracing } from '@bp/observability';

// Before the imports below load `pg`, which its instrumentation patches as it is required.
startTracing(SERVICES.notification.name);

import { bootstrapService } from '@bp/messaging';
import { loadNotificationServiceSettings } from './config/notification-service-settings';
import { NotificationServiceModule } from './notification-service.module';

const settings = loadNotificationServiceSettings();
void bootstrapService(NotificationServiceModule.forRoot(settings), SERVICES.notification, settings);
