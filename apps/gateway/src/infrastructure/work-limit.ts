/** Thrown at once when the work limit and its queue are full: the caller answers 503, not later. */
export class WorkLimitExceeded extends Error {
  constructor(readonly what: string) {
    super(`Too much ${what} at once`);
  }
}

/**
 * At most `concurrency` pieces of work run at a time, at most `queueLength` more wait, and the rest
 * are refused straight away. Password hashing is deliberately expensive (memory and CPU): without
 * this bound, a flood of sign-ins with made-up usernames would queue unbounded work and starve
 * every other request of the gateway.
 */
export class WorkLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly what: string,
    private readonly concurrency: number,
    private readonly queueLength: number,
  ) {
    if (!(concurrency >= 1) || !(queueLength >= 0)) throw new Error('Invalid work limit');
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) {
      this.running += 1;
    } else if (this.waiting.length < this.queueLength) {
      // The slot is handed over by the one who frees it, so `running` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      throw new WorkLimitExceeded(this.what);
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
