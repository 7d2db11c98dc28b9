import { comparePositions } from './stream-position';

/** Anything placed in a stream: what the sequence needs of a notification is its position. */
export interface Positioned {
  position: string;
}

/**
 * What one open stream sends, in which order, so that nothing is missed or repeated when a
 * catch-up (the notification-service's answer to "after N") and live events (from Kafka) overlap.
 *
 * While catching up, live events are held back; the catch-up's batches go out first, then the
 * held events, and from then on each live event as it comes. Throughout, an item goes out only if
 * its position is above the last one sent: the notification-service makes positions visible in
 * commit order and publishes them on one partition in that order, so an item at or below the last
 * sent was either sent already or belongs to what the catch-up covered.
 */
export class StreamSequence<T extends Positioned> {
  private lastSent: string | null;
  private held: T[] | null = [];

  constructor(after: string | null) {
    this.lastSent = after;
  }

  /** The position a catch-up asks "after": the last sent, or the one the client resumed from. */
  get position(): string | null {
    return this.lastSent;
  }

  get catchingUp(): boolean {
    return this.held !== null;
  }

  /**
   * A fresh stream (no Last-Event-ID) starts after the highest position committed when it opened:
   * the client gets that as its first id, so even a reconnect before any event misses nothing.
   * Answers the position to tell the client, if any.
   */
  startAfter(head: string): string | null {
    if (this.lastSent !== null || head === '0') return null;
    this.lastSent = head;
    return head;
  }

  /** Holds live events back again, e.g. while the caller's audience is asked anew. */
  hold(): void {
    this.held ??= [];
  }

  /** A live event: what to send now (nothing while catching up, or if it was sent already). */
  live(item: T): T[] {
    if (this.held) {
      this.held.push(item);
      return [];
    }
    return this.take([item]);
  }

  /** One batch of the catch-up, oldest first: what of it to send. */
  caughtUp(batch: readonly T[]): T[] {
    return this.take(batch);
  }

  /** The catch-up is complete: the live events held meanwhile that are still new, in order. */
  release(): T[] {
    const held = this.held ?? [];
    this.held = null;
    return this.take([...held].sort((a, b) => comparePositions(a.position, b.position)));
  }

  private take(items: readonly T[]): T[] {
    const out: T[] = [];
    for (const item of items) {
      if (this.lastSent !== null && comparePositions(item.position, this.lastSent) <= 0) continue;
      out.push(item);
      this.lastSent = item.position;
    }
    return out;
  }
}
