/**
 * Message ids already answered on a service's HTTP port, until their deadline: an assertion taken
 * off the network cannot be sent again to this instance while it is valid. (In Kafka only the
 * gateway's principal may write commands; HTTP has no such gate.) Kept in arrival order, so the
 * expired ones leave from the front; deadlines arrive nearly in order (now + the gateway's wait).
 */
export class UsedAssertions {
  private readonly deadlines = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** True the first time a message id is seen; false on a replay. */
  use(messageId: string, deadline: number): boolean {
    this.forgetExpired();
    if (this.deadlines.has(messageId)) return false;
    this.deadlines.set(messageId, deadline);
    return true;
  }

  get size(): number {
    return this.deadlines.size;
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [messageId, deadline] of this.deadlines) {
      if (deadline >= now) return;
      this.deadlines.delete(messageId);
    }
  }
}
