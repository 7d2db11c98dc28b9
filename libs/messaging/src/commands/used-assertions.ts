/** More than any honest window holds (reads a second × seconds an assertion lives): sweep all. */
const SWEEP_ALL_ABOVE = 50_000;

/**
 * Message ids already answered on a service's HTTP port, kept until their assertion no longer
 * verifies (its signed expiry plus the clock tolerance): a copy taken off the network cannot be
 * sent again to this instance while it is valid. (In Kafka only the gateway's principal may write
 * commands; HTTP has no such gate.) Kept in arrival order, so the expired leave from the front;
 * expiries arrive nearly in order (now + the gateway's wait), and a full sweep catches the rest.
 */
export class UsedAssertions {
  private readonly validUntil = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** True the first time a message id is seen; false on a replay. */
  use(messageId: string, validUntil: number): boolean {
    this.forgetExpired();
    if (this.validUntil.has(messageId)) return false;
    this.validUntil.set(messageId, validUntil);
    return true;
  }

  get size(): number {
    return this.validUntil.size;
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [messageId, until] of this.validUntil) {
      if (until >= now) break;
      this.validUntil.delete(messageId);
    }
    if (this.validUntil.size <= SWEEP_ALL_ABOVE) return;
    for (const [messageId, until] of this.validUntil)
      if (until < now) this.validUntil.delete(messageId);
  }
}
