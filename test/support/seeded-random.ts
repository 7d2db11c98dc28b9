/**
 * A small pseudo-random generator (mulberry32) for generated test data: the same seed gives the
 * same data on every machine, so a failure found with one seed can be replayed with it.
 */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('nothing to pick from');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Up to `count` different items, in random order. */
  some<T>(items: readonly T[], count: number): T[] {
    const rest = [...items];
    const picked: T[] = [];
    while (picked.length < count && rest.length)
      picked.push(rest.splice(Math.floor(this.next() * rest.length), 1)[0]!);
    return picked;
  }

  /** A version 4 UUID made of this generator's numbers: the columns are uuid-typed. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(0, 15).toString(16));
    hex[12] = '4';
    hex[16] = ((this.int(0, 15) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

/**
 * The seed a generated test runs with: NEED_TO_KNOW_SEED=<n> replays a failure or explores another
 * world; without it, the test's own fixed seed, so runs are repeatable.
 */
export function seedFor(fallback: number): number {
  const chosen = process.env.NEED_TO_KNOW_SEED;
  if (chosen === undefined) return fallback;
  if (!/^\d+$/.test(chosen)) throw new Error(`NEED_TO_KNOW_SEED is a whole number, not ${chosen}`);
  return Number(chosen);
}
