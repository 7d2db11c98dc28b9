import {
  BadRequestException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Actor, NotificationCreatedData, NotificationStreamItem } from '@bp/contracts';
import { GATEWAY_SETTINGS, GatewaySettings } from '../config/gateway-settings';
import { mayOpenStream, sameStanding } from '../domain/stream-limits';
import { isWithin } from '../domain/stream-position';
import { NotificationFeed } from '../infrastructure/notification-feed';
import { GatewayServiceClient } from '../infrastructure/service-client.provider';
import { IdentityService } from './identity.service';
import { OpenStream, StreamSink } from './open-stream';
import { NotificationTitles } from './notification-titles';

/** What the stream knows of the token it was opened with. */
export interface StreamToken {
  /** The account's token generation the token carries (a new password ends the stream). */
  generation: unknown;
  /** When the token expires: the stream ends then, as any request with it would be refused. */
  expiresAt: Date;
}

/**
 * This instance's open notification streams: opens them (caps, catch-up), pushes each event of
 * the feed to the streams of its audience key, and keeps each stream as trustworthy as a request:
 * on every heartbeat the token holder is admitted again as the authentication guard does (a
 * disabled account, a new password or a changed role ends the stream), the stream ends when its
 * token expires, and the audience is asked anew periodically (an officer's posting can end).
 */
@Injectable()
export class NotificationStreams implements OnApplicationShutdown {
  private readonly logger = new Logger(NotificationStreams.name);
  private readonly byKey = new Map<string, Set<OpenStream>>();
  private readonly all = new Set<OpenStream>();

  constructor(
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    private readonly services: GatewayServiceClient,
    private readonly identity: IdentityService,
    private readonly feed: NotificationFeed,
    private readonly titles: NotificationTitles,
  ) {
    feed.onNotification((created) => this.dispatch(created));
  }

  /**
   * Opens a stream after `after` (Last-Event-ID) or from now: refused (429, 503, the service's
   * problem) before anything is written; once it resolves, the catch-up has been sent to `sink`.
   */
  async open(
    actor: Actor,
    token: StreamToken,
    after: string | null,
    sink: StreamSink,
    correlationId: string,
  ): Promise<OpenStream> {
    if (!this.feed.ready)
      throw new ServiceUnavailableException('Live notifications are not available yet; retry');
    const admitted = mayOpenStream(this.settings.stream, {
      byUser: [...this.all].filter((s) => s.actor.userId === actor.userId).length,
      total: this.all.size,
    });
    if (!admitted.ok) throw new HttpException(admitted.reason, HttpStatus.TOO_MANY_REQUESTS);
    const stream = new OpenStream(actor, after, sink, this.services, this.titles, correlationId);
    // Counted from here, before the catch-up: the live events of the keys are held meanwhile.
    this.all.add(stream);
    try {
      await stream.catchUp((keys) => this.listen(stream, keys), true);
    } catch (error) {
      this.close(stream);
      throw error;
    }
    if (after && !isWithin(after, stream.head)) {
      this.close(stream);
      throw new BadRequestException('Last-Event-ID is not an id this stream gave out');
    }
    this.keepChecking(stream, token);
    return stream;
  }

  /** The client went away (or the stream ended): forget it. */
  close(stream: OpenStream): void {
    this.all.delete(stream);
    this.listen(stream, []);
  }

  onApplicationShutdown(): void {
    for (const stream of this.all) stream.end('the gateway is shutting down');
  }

  private dispatch(created: NotificationCreatedData): void {
    const streams = this.byKey.get(created.audienceKey);
    if (!streams?.size) return;
    const item: NotificationStreamItem = {
      position: created.position,
      audienceKey: created.audienceKey,
      notification: {
        id: created.notificationId,
        kind: created.kind,
        subject: { ...created.subject },
        details: created.details,
        createdAt: created.createdAt,
      },
    };
    for (const stream of streams) stream.live(item);
  }

  /** Moves the stream to exactly these keys; the keys before are dropped. */
  private listen(stream: OpenStream, keys: readonly string[]): void {
    for (const key of stream.keys) {
      const streams = this.byKey.get(key);
      streams?.delete(stream);
      if (streams && !streams.size) this.byKey.delete(key);
    }
    stream.keys = new Set(keys);
    if (!this.all.has(stream)) return;
    for (const key of keys) {
      const streams = this.byKey.get(key) ?? new Set<OpenStream>();
      streams.add(stream);
      this.byKey.set(key, streams);
    }
  }

  private keepChecking(stream: OpenStream, token: StreamToken): void {
    const { heartbeatSeconds, audienceRefreshSeconds } = this.settings.stream;
    let lastRefresh = Date.now();
    let checking = false;
    const expiry = setTimeout(
      () => stream.end('the token has expired'),
      Math.max(0, token.expiresAt.getTime() - Date.now()),
    );
    const heartbeat = setInterval(() => {
      if (checking) return;
      checking = true;
      void this.check(stream, token, Date.now() - lastRefresh >= audienceRefreshSeconds * 1_000)
        .then((refreshed) => {
          if (refreshed) lastRefresh = Date.now();
        })
        .finally(() => {
          checking = false;
        });
    }, heartbeatSeconds * 1_000);
    stream.whenEnded(() => {
      clearTimeout(expiry);
      clearInterval(heartbeat);
      this.close(stream);
    });
  }

  /** One heartbeat: the token holder again, then the beat, then the audience if it is time. */
  private async check(stream: OpenStream, token: StreamToken, refresh: boolean): Promise<boolean> {
    if (!stream.open) return false;
    try {
      const caller = await this.identity.admit(stream.actor.userId, token.generation);
      if (!sameStanding(stream.actor, caller.actor) || caller.passwordChangeRequired) {
        stream.end('the account changed: sign in again');
        return false;
      }
    } catch (error) {
      if (error instanceof UnauthorizedException) {
        stream.end('the token is no longer valid: sign in again');
        return false;
      }
      // The holder could not be checked (the gateway's database is away): a stream is never
      // carried on unchecked. The client reconnects with Last-Event-ID and misses nothing.
      this.logger.warn(`Token holder of a stream not checked: ${(error as Error).message}`);
      stream.end('the account could not be checked: reconnect');
      return false;
    }
    if (!stream.open) return false;
    stream.sink.heartbeat();
    if (!refresh) return false;
    try {
      await stream.catchUp((keys) => this.listen(stream, keys));
      return true;
    } catch (error) {
      // The audience could not be asked again (the service is away): keys that may have ended (an
      // officer's posting) are not kept on trust. The client reconnects and misses nothing.
      this.logger.warn(`Audience of a stream not refreshed: ${(error as Error).message}`);
      stream.end('the audience could not be checked: reconnect');
      return false;
    }
  }
}
