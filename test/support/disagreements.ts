/**
 * What an agreement test between a domain rule and its SQL found: collected pair by pair, then
 * asserted at once, naming the seed and the first few so that a failure can be replayed.
 */
export class Disagreements {
  private readonly found: string[] = [];

  constructor(private readonly seed: number) {}

  push(description: string): void {
    this.found.push(description);
  }

  /** Asserts none were found since the last call. */
  expectNone(): void {
    const found = this.found.splice(0);
    expect({ seed: this.seed, disagreements: found.length, first: found.slice(0, 8) }).toEqual({
      seed: this.seed,
      disagreements: 0,
      first: [],
    });
  }
}
