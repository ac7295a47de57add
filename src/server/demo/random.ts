import { Decimal, ONE } from "../../engine/decimal";

/** Mulberry32: a small seeded generator, so the demo model comes out the same on every machine. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  private next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A whole number from min to max inclusive. */
  integer(min: number, max: number): number {
    return min + (this.next() % (max - min + 1));
  }

  /** An exact factor 1 ± up to `basisPoints`/10,000, e.g. 300 -> between 0.97 and 1.03. */
  factor(basisPoints: number): Decimal {
    return ONE.plus(new Decimal(this.integer(-basisPoints, basisPoints)).div(10000));
  }
}
