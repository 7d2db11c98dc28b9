import 'reflect-metadata';
import { SERVICES } from '@bp/contracts';
import { bootstrapService } from '@bp/messaging';
import { loadNotificationServiceSettings } from './config/notification-service-settings';
import { NotificationServiceModule } from './notification-service.module';

const settings = loadNotificationServiceSettings();
void bootstrapService(NotificationServiceModule.forRoot(settings), SERVICES.notification, settings);
