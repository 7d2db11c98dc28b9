import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { StoredNotification } from '../infrastructure/persistence/notification-store';
import { StreamPublication } from './stream-publication';

/** Something that acts on new notifications inside the transaction that stored them. */
export interface NotificationListener {
  stored(em: EntityManager, notifications: readonly StoredNotification[]): Promise<void>;
}

/**
 * Hands every newly stored notification to the channels that carry it further (the live stream,
 * webhooks, duty pages), in the same transaction: a channel's work is kept exactly when the
 * notification is, so a redelivered event neither loses nor repeats it.
 */
@Injectable()
export class NotificationFanOut {
  private readonly listeners: readonly NotificationListener[] = [new StreamPublication()];

  async stored(em: EntityManager, notifications: readonly StoredNotification[]): Promise<void> {
    if (!notifications.length) return;
    for (const listener of this.listeners) await listener.stored(em, notifications);
  }
}
