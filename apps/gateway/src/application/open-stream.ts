import { ConflictException } from '@nestjs/common';
import {
  Actor,
  NotificationCommands,
  NotificationStreamBatch,
  NotificationStreamItem,
} from '@bp/contracts';
import { StreamSequence } from '../domain/stream-sequence';
import { GatewayServiceClient } from '../infrastructure/service-client.provider';
import { ServiceProblem } from '../infrastructure/service-problem';
import { NotificationTitles } from './notification-titles';

/** Where an open stream writes: the HTTP side (text/event-stream) implements it. */
export interface StreamSink {
  send(item: NotificationStreamItem): void;
  /** Tells the client a position to resume after, without an event. */
  resumeAfter(position: string): void;
  heartbeat(): void;
  end(reason: string): void;
}

/** The most a catch-up asks for at once; it asks again while a batch comes back full. */
export const CATCH_UP_BATCH = 100;
/** A catch-up longer than this many batches is refused: 1,000 notifications is a day of a busy desk. */
const MAX_CATCH_UP_BATCHES = 10;

/**
 * One caller's live stream: which audience keys it listens to, and what it has sent
 * (domain/stream-sequence.ts). Catching up, at opening and whenever the audience is asked anew,
 * reads the notification-service; live events come from the instance's feed meanwhile and after.
 */
export class OpenStream {
  readonly sequence: StreamSequence<NotificationStreamItem>;
  keys: ReadonlySet<string> = new Set();
  /** The notification-service's highest position when the stream last caught up. */
  head = '0';
  private ended = false;
  private readonly onEnd: (() => void)[] = [];
  /** Items are titled before they are sent (an answer to wait for), and sent in their order. */
  private sending: Promise<void> = Promise.resolve();

  constructor(
    readonly actor: Actor,
    after: string | null,
    readonly sink: StreamSink,
    private readonly services: GatewayServiceClient,
    private readonly titles: NotificationTitles,
    private readonly correlationId: string,
  ) {
    this.sequence = new StreamSequence(after);
  }

  get open(): boolean {
    return !this.ended;
  }

  /** A live event of one of its keys. */
  live(item: NotificationStreamItem): void {
    void this.send(this.sequence.live(item));
  }

  /**
   * Asks the caller's audience keys anew and what came after the last position sent (all of it,
   * batch after batch), holding live events back meanwhile and sending them after, each once.
   * A service that does not answer throws, and the live events stay held for the caller to
   * release (release()). At the opening, a fresh stream starts after the head (startAfter).
   */
  async catchUp(onKeys: (keys: readonly string[]) => void, opening = false): Promise<void> {
    this.sequence.hold();
    let first = true;
    for (let batches = 1; ; batches += 1) {
      // Held in memory until sent: a client that resumes from far back reads its inbox instead.
      if (batches > MAX_CATCH_UP_BATCHES)
        throw new ConflictException(
          'Last-Event-ID is too far behind: read GET /notifications, then reconnect without it',
        );
      const after = this.sequence.position;
      const batch = await this.ask(after);
      if (first) {
        this.head = batch.head;
        onKeys(batch.audienceKeys);
        const start = opening ? this.sequence.startAfter(batch.head) : null;
        if (start) this.sink.resumeAfter(start);
      }
      first = false;
      await this.send(this.sequence.caughtUp(batch.items));
      if (!after || batch.items.length < CATCH_UP_BATCH || this.ended) break;
    }
    // Before the answer starts (': ready' follows the catch-up and what was held meanwhile).
    await this.release();
  }

  /** Sends the live events held back, and lets the next ones through; resolves once they are out. */
  release(): Promise<void> {
    return this.send(this.sequence.release());
  }

  /** Ends the stream once, with the reason given to the client; what whenEnded() asked runs. */
  end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    for (const cleanup of this.onEnd) cleanup();
    this.sink.end(reason);
  }

  whenEnded(cleanup: () => void): void {
    this.onEnd.push(cleanup);
  }

  /** Resolves once these items are out, after every item given before them. */
  private send(items: readonly NotificationStreamItem[]): Promise<void> {
    if (!items.length) return this.sending;
    // Live items are shared by every stream of their audience: each titles its own copy, as its
    // reader may see it.
    const own = structuredClone(items);
    const asker = { actor: this.actor, correlationId: this.correlationId };
    const titled = this.titles.fill(
      own.map((item) => item.notification),
      asker,
    );
    this.sending = this.sending
      .then(async () => {
        await titled.catch(() => undefined); // untitled rather than never sent
        if (this.ended) return;
        for (const item of own) this.sink.send(item);
      })
      // A write that fails ends the stream (the client resumes from the last id it got); the
      // chain stays usable, so nothing after it is silently held back.
      .catch(() => this.end('the stream could not be written'));
    return this.sending;
  }

  private async ask(after: string | null): Promise<NotificationStreamBatch> {
    const reply = await this.services.request(
      'notification',
      NotificationCommands.streamFrom,
      { ...(after ? { after } : {}), limit: CATCH_UP_BATCH },
      { actor: this.actor, correlationId: this.correlationId },
    );
    if (!reply.ok) throw new ServiceProblem(reply.problem);
    return reply.body;
  }
}
