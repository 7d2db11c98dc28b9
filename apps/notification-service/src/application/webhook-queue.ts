import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { webhookPartyOf } from '../domain/webhook-rules';
import { StoredNotification } from '../infrastructure/persistence/notification-store';
import { WebhookDeliveries } from '../infrastructure/persistence/webhook-deliveries.store';
import { NotificationListener } from './notification-listener';
import { webhookPayload } from './notification-views';

/**
 * Queues a delivery of each new notification to the webhooks of the party it is addressed to
 * (domain/webhook-rules.ts: a party's focal points' notifications only) that asked for its kind,
 * in the transaction that stored it: exactly once, whatever happens to the event after.
 */
@Injectable()
export class WebhookQueue implements NotificationListener {
  constructor(private readonly deliveries: WebhookDeliveries) {}

  async stored(em: EntityManager, notifications: readonly StoredNotification[]): Promise<void> {
    for (const notification of notifications) {
      const party = webhookPartyOf(notification.audience);
      if (!party) continue;
      await this.deliveries.enqueue(
        em,
        {
          id: notification.id,
          kind: notification.kind,
          party,
          payload: webhookPayload(notification),
        },
        notification.createdAt,
      );
    }
  }
}
