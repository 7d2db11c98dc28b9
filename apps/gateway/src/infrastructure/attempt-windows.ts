export interface AttemptVerdict {
  allowed: boolean;
  /** Seconds until the key's window ends and attempts are allowed again. */
  retryAfterSeconds: number;
}

/**
 * Counts attempts per key in fixed windows (e.g. 10 per minute), in this process's memory. Unlike
 * a store that keeps every key it ever saw, windows that have ended are swept, and the number of
 * keys is capped (the oldest go first), so a flood of made-up usernames cannot grow it for ever.
 */
export class AttemptWindows {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  private nextSweepAt = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts one attempt; allowed while the key has had at most `limit` in its current window. */
  hit(key: string, now = Date.now()): AttemptVerdict {
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) {
        const oldest = this.windows.keys().next().value;
        if (oldest !== undefined) this.windows.delete(oldest);
      }
      window = { count: 0, endsAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return {
      allowed: window.count <= this.limit,
      retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)),
    };
  }

  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + this.windowMs;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}
