import { EntityManager } from '@mikro-orm/postgresql';
import { StoredNotification } from '../infrastructure/persistence/notification-store';

/** Something that acts on new notifications inside the transaction that stored them. */
export interface NotificationListener {
  stored(em: EntityManager, notifications: readonly StoredNotification[]): Promise<void>;
}

/**
 * The fan-out itself, for a listener that makes notifications of its own (a duty page) and must
 * hand them on too: looked up by this token when used, so neither the imports nor the providers
 * form a circle (the fan-out is built with its listeners).
 */
export const NOTIFICATION_FAN_OUT = Symbol('NOTIFICATION_FAN_OUT');
