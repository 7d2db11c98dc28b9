import { EntityManager } from '@mikro-orm/postgresql';
import { StoredNotification } from '../infrastructure/persistence/notification-store';

/** Something that acts on new notifications inside the transaction that stored them. */
export interface NotificationListener {
  stored(em: EntityManager, notifications: readonly StoredNotification[]): Promise<void>;
}
