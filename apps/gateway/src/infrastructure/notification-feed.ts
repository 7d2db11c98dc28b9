import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import {
  EVENT_CATALOG,
  GATEWAY_GROUP_PREFIX,
  NotificationCreatedData,
  NotificationEvents,
} from '@bp/contracts';
import { BroadcastFeed } from '@bp/messaging';
import { GATEWAY_SETTINGS, GatewaySettings } from '../config/gateway-settings';

/** How long the gateway waits at start for the feed to read, before it serves without streams. */
const START_TIMEOUT_MS = 30_000;

/**
 * Every `notification.created` of the system, as it is published, for this instance's open
 * streams: each gateway instance reads the whole topic in a group of its own (any instance may
 * hold any user's stream), from the latest offset. Streams open only once it reads (`ready`), so
 * a stream never counts on a live event that was published before the feed could see it.
 */
@Injectable()
export class NotificationFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationFeed.name);
  private readonly feed: BroadcastFeed;
  private readonly listeners = new Set<(notification: NotificationCreatedData) => void>();
  private reading = false;

  constructor(@Inject(GATEWAY_SETTINGS) settings: GatewaySettings) {
    this.feed = new BroadcastFeed({
      kafka: settings.kafka,
      topic: NotificationEvents.created.topic,
      groupId: `${GATEWAY_GROUP_PREFIX}stream-${settings.instanceId}`,
      catalog: EVENT_CATALOG,
      onEvent: (envelope) => {
        if (envelope.type !== NotificationEvents.created.type) return;
        for (const listener of this.listeners) listener(envelope.data as NotificationCreatedData);
      },
    });
  }

  get ready(): boolean {
    return this.reading;
  }

  onNotification(listener: (notification: NotificationCreatedData) => void): void {
    this.listeners.add(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    void this.feed.reading().then(() => {
      this.reading = true;
    });
    if (!(await this.feed.start(START_TIMEOUT_MS)))
      this.logger.warn('Not reading notification events yet: streams answer 503 until it does');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.feed.stop();
  }
}
