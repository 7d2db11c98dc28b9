import { ServerResponse } from 'node:http';
import { NotificationStreamItem } from '@bp/contracts';
import { StreamSink } from '../../application/open-stream';

/** A client that reads this much less than it is sent is dropped: it would only grow our memory. */
const MAX_UNREAD_BYTES = 1024 * 1024;

/**
 * Writes a stream as server-sent events: `id:` the position sealed for the caller (what
 * Last-Event-ID resumes after; never the position itself, see stream-event-ids.ts), `event:` the kind, `data:` the notification as the inbox shows it, comment lines as heartbeats
 * and a `retry:` hint. What the catch-up sends before the answer starts is kept until it does.
 */
export class SseSink implements StreamSink {
  private pending: string[] | null = [];

  constructor(
    private readonly raw: ServerResponse,
    private readonly idOf: (position: string) => string,
  ) {}

  start(headers: Record<string, string | number | string[]>, retryMs: number): void {
    this.raw.writeHead(200, headers);
    this.raw.write(`retry: ${retryMs}\n\n`);
    for (const chunk of this.pending ?? []) this.raw.write(chunk);
    this.pending = null;
    // Says the catch-up is over and live events flow; clients ignore comments.
    this.raw.write(': ready\n\n');
  }

  send({ position, notification }: NotificationStreamItem): void {
    // JSON.stringify writes no line breaks, so `data:` is one line.
    this.write(
      `id: ${this.idOf(position)}\nevent: ${notification.kind}\ndata: ${JSON.stringify(notification)}\n\n`,
    );
  }

  /** An id without data: EventSource keeps it as the last event id, and dispatches nothing. */
  resumeAfter(position: string): void {
    this.write(`id: ${this.idOf(position)}\n\n`);
  }

  heartbeat(): void {
    this.write(': heartbeat\n\n');
  }

  end(reason: string): void {
    if (this.pending === null && this.raw.writable) this.raw.end(`: ${reason}\n\n`);
    else this.raw.destroy();
  }

  private write(chunk: string): void {
    if (this.pending) {
      this.pending.push(chunk);
      return;
    }
    if (!this.raw.writable) return;
    if (this.raw.writableLength > MAX_UNREAD_BYTES) {
      this.raw.destroy();
      return;
    }
    this.raw.write(chunk);
  }
}
