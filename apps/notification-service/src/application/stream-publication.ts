import { EntityManager } from '@mikro-orm/postgresql';
import { NotificationCreatedData, NotificationEvents, SERVICES } from '@bp/contracts';
import { EventDraft, stageEvents } from '@bp/messaging';
import { StoredNotification } from '../infrastructure/persistence/notification-store';

/**
 * The live stream's part of the fan-out: stages `notification.created`, with the position the
 * notification was stored under (stream-positions.ts), in the outbox of the same transaction, for
 * the gateways to push to open streams. All of them go under one Kafka key, so the one partition
 * they share carries them in position order: a gateway may then drop anything at or below what a
 * stream already sent.
 * (A NotificationListener of the fan-out, by shape: importing it from there would be a cycle.)
 */
export class StreamPublication {
  static readonly KAFKA_KEY = 'notification-stream';

  async stored(em: EntityManager, notifications: readonly StoredNotification[]): Promise<void> {
    const drafts: EventDraft<NotificationCreatedData>[] = notifications.map((n) => ({
      definition: NotificationEvents.created,
      subject: StreamPublication.KAFKA_KEY,
      data: {
        notificationId: n.id,
        position: n.position,
        audienceKey: n.audienceKey,
        kind: n.kind,
        subject: { ...n.subject },
        details: { ...n.details },
        createdAt: n.createdAt.toISOString(),
      },
    }));
    await stageEvents(em, drafts, { source: SERVICES.notification.name });
  }
}
