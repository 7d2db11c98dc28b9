import { eventually } from './test-env';

/** One server-sent event as a client sees it. */
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/**
 * A minimal server-sent events reader over fetch's body (the text/event-stream rules: fields per
 * line, a blank line dispatches, `:` starts a comment), keeping everything a stream said, in order.
 */
export class SseStream {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  retryMs: number | undefined;
  /** As EventSource keeps it: the last `id:` of a dispatched block, with or without data. */
  lastEventId: string | undefined;
  closed = false;
  private buffer = '';
  private current: { id?: string; event?: string; data?: string[] } = {};

  private constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {}

  /** Opens a stream; answers the response and, when it is a 200 stream, the reader. */
  static async open(
    url: string,
    headers: Record<string, string>,
  ): Promise<{ response: Response; stream?: SseStream; body?: unknown }> {
    const abort = new AbortController();
    const response = await fetch(url, { headers, signal: abort.signal });
    if (response.status !== 200) {
      const text = await response.text();
      return { response, body: text ? (JSON.parse(text) as unknown) : undefined };
    }
    const stream = new SseStream(response, abort);
    void stream.read();
    return { response, stream };
  }

  /** The events up to the `: ready` comment: what the stream sent before going live. */
  async caughtUp(): Promise<SseEvent[]> {
    await eventually('the stream to be ready', async () => this.ready >= 0 || undefined);
    return this.events.slice(0, this.ready);
  }

  /** The first event that satisfies `match`, once it has arrived. */
  next(what: string, match: (event: SseEvent) => boolean, timeoutMs = 30_000): Promise<SseEvent> {
    return eventually(what, async () => this.events.find(match), timeoutMs, 50);
  }

  close(): void {
    this.abort.abort();
  }

  /** How many events had arrived when `: ready` came, or -1 before. */
  private ready = -1;

  private async read(): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of this.response.body as unknown as AsyncIterable<Uint8Array>) {
        this.feed(decoder.decode(chunk, { stream: true }));
      }
    } catch {
      // Aborted by close(), or the server ended the stream.
    }
    this.closed = true;
  }

  private feed(text: string): void {
    this.buffer += text;
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  private line(line: string): void {
    if (line === '') {
      if (this.current.id !== undefined) this.lastEventId = this.current.id;
      if (this.current.data) {
        this.events.push({
          ...(this.current.id !== undefined ? { id: this.current.id } : {}),
          ...(this.current.event !== undefined ? { event: this.current.event } : {}),
          data: this.current.data.join('\n'),
        });
      }
      this.current = {};
      return;
    }
    if (line.startsWith(':')) {
      const comment = line.slice(1).trim();
      this.comments.push(comment);
      if (comment === 'ready' && this.ready < 0) this.ready = this.events.length;
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') (this.current.data ??= []).push(value);
    else if (field === 'id') this.current.id = value;
    else if (field === 'event') this.current.event = value;
    else if (field === 'retry') this.retryMs = Number(value);
  }
}
