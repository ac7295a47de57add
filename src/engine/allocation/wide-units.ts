import type { RoundingMethod } from "./units";

/**
 * The allocation rule for an amount and weights that are each a safe integer while their products
 * or their total pass 2^53 (a large amount over a full column of CPU hours, or drivers with
 * decimals scaled to whole numbers). Every share is estimated in doubles with a proven error
 * bound; only the rows the bound cannot settle (a share within rounding of a whole unit, or a
 * remainder within rounding of the one that decides who gets the last units) are computed exactly
 * in bigint. The shares are those of the bigint path, unit for unit.
 */

/** Eight times the unit roundoff: the rounded total, A/W, ·w and "plug"'s + 1/2 err by at most 4u. */
const RELATIVE_ERROR = 2 ** -50;
const SAFE = Number.MAX_SAFE_INTEGER;

/** Σ weights exactly, in plain numbers while the running sum stays below 2^53. */
function exactTotal(weights: Float64Array): bigint {
  let total = 0n;
  let run = 0;
  for (let i = 0; i < weights.length; i++) {
    if (run + weights[i] > SAFE) {
      total += BigInt(run);
      run = 0;
    }
    run += weights[i];
  }
  return total + BigInt(run);
}

/** Exact A·w / W as a whole part and a remainder, cached per weight (equal weights repeat in a column). */
class ExactShares {
  private readonly cache = new Map<number, [number, bigint]>();
  constructor(
    private readonly amount: bigint,
    private readonly total: bigint,
    private readonly half: boolean,
  ) {}

  /** floor(A·w/W), or with `half` floor((2A·w + W) / 2W), and the remainder over W. */
  of(weight: number): [number, bigint] {
    let known = this.cache.get(weight);
    if (known === undefined) {
      const product = this.amount * BigInt(weight);
      known = this.half
        ? [
            Number((2n * product + this.total) / (2n * this.total)),
            (2n * product + this.total) % (2n * this.total),
          ]
        : [Number(product / this.total), product % this.total];
      this.cache.set(weight, known);
    }
    return known;
  }
}

/** The k-th largest value (k from 1) of a list, by quickselect on a copy: O(n) on average. */
export function kthLargest(values: Float64Array, k: number): number {
  const a = values.slice();
  let lo = 0;
  let hi = a.length - 1;
  const want = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else return a[want];
  }
  return a[want];
}

/**
 * Shares in units of |amount| (a safe integer) by safe-integer weights (zero or more, not all
 * zero), with the amount's sign; undefined when an input is outside that range.
 */
export function allocateWideUnits(
  amountUnits: number,
  weights: Float64Array,
  method: RoundingMethod,
): Float64Array | undefined {
  const n = weights.length;
  if (!Number.isSafeInteger(amountUnits) || n === 0) return undefined;
  let largest = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isSafeInteger(weights[i]) || weights[i] < 0) return undefined;
    if (weights[i] > weights[largest]) largest = i;
  }
  const magnitude = Math.abs(amountUnits);
  const total = exactTotal(weights);
  const exact = new ExactShares(BigInt(magnitude), total, method === "plug");
  const scale = magnitude / Number(total);
  const units = new Float64Array(n);
  /** Each share's fractional part (for "plug", of the share plus one half), estimated or exact. */
  const fractions = new Float64Array(n);
  /** The estimates' error bound: the largest share's relative error, shared by every row. */
  let error = 0;
  let handedOut = 0;
  const offset = method === "plug" ? 0.5 : 0;
  for (let i = 0; i < n; i++) {
    const share = weights[i] * scale + offset;
    const whole = Math.floor(share);
    const fraction = share - whole;
    const bound = share * RELATIVE_ERROR;
    if (weights[i] === 0 || (fraction > bound && fraction < 1 - bound)) {
      units[i] = whole;
      fractions[i] = weights[i] === 0 ? 0 : fraction;
    } else {
      const [exactWhole, remainder] = exact.of(weights[i]);
      units[i] = exactWhole;
      fractions[i] = Number(remainder) / Number(total);
    }
    if (bound > error) error = bound;
    handedOut += units[i];
  }
  const missing = magnitude - handedOut;
  if (method === "plug") units[largest] += missing;
  else if (missing > 0) giveToLargestRemainders(units, fractions, missing, 2 * error, weights, exact);
  if (amountUnits < 0) for (let i = 0; i < n; i++) units[i] = units[i] === 0 ? 0 : -units[i];
  return units;
}

/**
 * One more unit to each of the `missing` rows with the largest remainders, the earlier row first
 * among equal ones. Rows whose estimate is clear of the threshold by more than twice the error
 * are decided by it (fewer than `missing` rows can beat one above it, at least `missing` beat one
 * below it); the rows near the threshold are ranked by their exact remainders.
 */
function giveToLargestRemainders(
  units: Float64Array,
  fractions: Float64Array,
  missing: number,
  margin: number,
  weights: Float64Array,
  exact: ExactShares,
): void {
  const threshold = kthLargest(fractions, missing);
  const near: number[] = [];
  let given = 0;
  for (let i = 0; i < units.length; i++) {
    if (fractions[i] > threshold + margin) {
      units[i] += 1;
      given++;
    } else if (fractions[i] >= threshold - margin) {
      near.push(i);
    }
  }
  const remainders = new Map(near.map((i) => [i, exact.of(weights[i])[1]]));
  near.sort((a, b) => {
    const ra = remainders.get(a)!;
    const rb = remainders.get(b)!;
    return ra === rb ? a - b : ra > rb ? -1 : 1;
  });
  for (let k = 0; k < missing - given; k++) units[near[k]] += 1;
}
