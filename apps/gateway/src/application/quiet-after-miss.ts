/**
 * For what the gateway adds to an answer from another service (a count, titles): after a miss, it
 * stops asking for a while, so that a service that is down does not slow every answer by its
 * timeout.
 */
export class QuietAfterMiss {
  private quietUntil = 0;

  constructor(private readonly quietMs: number) {}

  get quiet(): boolean {
    return Date.now() < this.quietUntil;
  }

  missed(): void {
    this.quietUntil = Date.now() + this.quietMs;
  }
}
