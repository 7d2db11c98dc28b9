import { Injectable, Logger } from '@nestjs/common';
import { Actor, NotificationCommands } from '@bp/contracts';
import { GatewayServiceClient } from '../infrastructure/service-client.provider';
import { QuietAfterMiss } from './quiet-after-miss';

/** How long GET /me waits for the count: the account answers even when notifications cannot. */
const COUNT_TIMEOUT_MS = 1_000;
/** After a miss, /me stops asking for a while, so that a stopped service does not slow every /me. */
const QUIET_AFTER_MISS_MS = 10_000;

/**
 * The caller's unread notifications for GET /me, asked of the notification-service (which alone
 * knows them). A count is a convenience beside the account: when the service is slow or away the
 * answer says `null` at once instead of failing /me, which is also the way out of a password reset.
 */
@Injectable()
export class UnreadNotifications {
  private readonly logger = new Logger(UnreadNotifications.name);
  private readonly misses = new QuietAfterMiss(QUIET_AFTER_MISS_MS);

  constructor(private readonly services: GatewayServiceClient) {}

  async of(actor: Actor, correlationId: string): Promise<number | null> {
    if (this.misses.quiet) return null;
    try {
      const reply = await this.services.request(
        'notification',
        NotificationCommands.unreadCount,
        {},
        { actor, correlationId },
        COUNT_TIMEOUT_MS,
      );
      return reply.ok ? (reply.body as { unread: number }).unread : null;
    } catch (error) {
      this.misses.missed();
      this.logger.warn(`No unread count for /me: ${(error as Error).message}`);
      return null;
    }
  }
}
