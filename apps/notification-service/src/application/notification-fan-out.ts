import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { StoredNotification } from '../infrastructure/persistence/notification-store';
import { DutyPager } from './duty-pager';
import { NotificationListener } from './notification-listener';
import { WebhookQueue } from './webhook-queue';
import { StreamPublication } from './stream-publication';

export type { NotificationListener } from './notification-listener';

/**
 * Hands every newly stored notification to the channels that carry it further (the live stream,
 * webhooks, duty pages), in the same transaction: a channel's work is kept exactly when the
 * notification is, so a redelivered event neither loses nor repeats it.
 */
@Injectable()
export class NotificationFanOut {
  private readonly listeners: readonly NotificationListener[];

  constructor(pager: DutyPager, webhooks: WebhookQueue) {
    // One line per channel.
    this.listeners = [new StreamPublication(), pager, webhooks];
  }

  async stored(em: EntityManager, notifications: readonly StoredNotification[]): Promise<void> {
    if (!notifications.length) return;
    for (const listener of this.listeners) await listener.stored(em, notifications);
  }
}
