import { HISTORY_NOTES_MIGRATION } from './history-notes.migration';
import { HISTORY_CHANGES_INDEX_MIGRATION } from './history-changes-index.migration';
import { EVENT_TITLES_DROPPED_MIGRATION } from './event-titles-dropped.migration';
import { MESSAGING_MIGRATIONS } from '@bp/messaging';
import { DatabaseSettings, STANDBY_HEARTBEAT_MIGRATION, ServiceOrmConfig } from '@bp/persistence';
import { RFI_ENTITIES } from './information-request.schema';
import { ASSIGNMENT_ORDINAL_MIGRATION, RFI_MIGRATION } from './rfi.migration';
import { POSTING_PROJECTION_MIGRATION } from './posting-projection.migration';
import {
  ASSIGNMENT_POSTING_MIGRATION,
  RETIRE_REFERENCE_COUNTER_MIGRATION,
} from './need-to-know-fixes.migration';
import { FOCAL_RECIPIENTS_MIGRATION } from './focal-recipients.migration';
import { HISTORY_CHAIN_MIGRATION } from './history-chain.migration';
import { DUE_SOON_REMINDER_MIGRATION } from './due-soon-reminder.migration';
import { HISTORY_HEAD_DEFINER_MIGRATION } from './history-head-definer.migration';
import { HISTORY_LOCK_ORDER_MIGRATION } from './history-lock-order.migration';
import { POSTING_REBUILD_MIGRATION } from './posting-rebuild.migration';
import { ATTACHMENT_STORE_MIGRATION } from './attachment-store.migration';
import { RFI_ATTACHMENT_MIGRATION } from './rfi-attachment.migration';
import { RFI_ENTITY_MIGRATION } from './rfi-entity.migration';
import { POSSIBLE_LINK_MIGRATION } from './possible-link.migration';
import { LINK_CONSENT_MIGRATION } from './link-consent.migration';
import { EXCHANGES_HELD_MIGRATION } from './exchanges-held.migration';
import { LINK_NOTICE_MIGRATION } from './link-notice.migration';
import { RETENTION_MIGRATION } from './retention.migration';

/** The rfi-service's own database: its mappings and its migrations, in order. */
export function ormConfig(database: DatabaseSettings): ServiceOrmConfig {
  return {
    database,
    entities: RFI_ENTITIES,
    migrations: [
      ...MESSAGING_MIGRATIONS,
      RFI_MIGRATION,
      POSTING_PROJECTION_MIGRATION,
      ASSIGNMENT_ORDINAL_MIGRATION,
      ASSIGNMENT_POSTING_MIGRATION,
      RETIRE_REFERENCE_COUNTER_MIGRATION,
      FOCAL_RECIPIENTS_MIGRATION,
      DUE_SOON_REMINDER_MIGRATION,
      HISTORY_CHAIN_MIGRATION,
      HISTORY_HEAD_DEFINER_MIGRATION,
      HISTORY_LOCK_ORDER_MIGRATION,
      POSTING_REBUILD_MIGRATION,
      ATTACHMENT_STORE_MIGRATION,
      RFI_ATTACHMENT_MIGRATION,
      RFI_ENTITY_MIGRATION,
      POSSIBLE_LINK_MIGRATION,
      LINK_CONSENT_MIGRATION,
      EXCHANGES_HELD_MIGRATION,
      LINK_NOTICE_MIGRATION,
      RETENTION_MIGRATION,
      EVENT_TITLES_DROPPED_MIGRATION,
      HISTORY_NOTES_MIGRATION,
      STANDBY_HEARTBEAT_MIGRATION,
      HISTORY_CHANGES_INDEX_MIGRATION,
    ],
    // The history is append-only for the runtime role too; its head is kept by the chaining
    // trigger, which runs as the owner (history-head-definer.migration.ts).
    runtimeAccess: {
      appendOnly: ['rfi_history', 'rfi_history_note'],
      readOnly: ['rfi_history_head', 'rfi_history_rechain'],
    },
  };
}
