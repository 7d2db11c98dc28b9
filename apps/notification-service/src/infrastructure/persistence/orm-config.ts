import { NOTIFICATION_SUBJECT_MIGRATION } from './notification-subject.migration';
import { RFI_TITLES_DROPPED_MIGRATION } from './rfi-titles-dropped.migration';
import { MESSAGING_MIGRATIONS } from '@bp/messaging';
import { DatabaseSettings, ServiceOrmConfig } from '@bp/persistence';
import { NOTIFICATION_MIGRATION } from './notification.migration';
import { OFFICER_POSTING_MIGRATION } from './officer-posting.migration';
import { DUTY_MIGRATION } from './duty.migration';
import { WEBHOOK_MIGRATION } from './webhook.migration';
import { STREAM_POSITION_MIGRATION } from './stream-position.migration';
import { STREAM_HEAD_MIGRATION } from './stream-head.migration';

/**
 * The notification-service's own database: its migrations, in order. Notifications are a read
 * model built from events and read per caller, in SQL (notification-store.ts, inbox.query.ts);
 * there is no aggregate to map.
 */
export function ormConfig(database: DatabaseSettings): ServiceOrmConfig {
  return {
    database,
    entities: [],
    migrations: [
      ...MESSAGING_MIGRATIONS,
      NOTIFICATION_MIGRATION,
      OFFICER_POSTING_MIGRATION,
      WEBHOOK_MIGRATION,
      DUTY_MIGRATION,
      STREAM_POSITION_MIGRATION,
      STREAM_HEAD_MIGRATION,
      NOTIFICATION_SUBJECT_MIGRATION,
      RFI_TITLES_DROPPED_MIGRATION,
    ],
  };
}
