import { roundToTotal } from "../../engine/allocation";
import { gcdOf, lcm, sumUnits } from "../../engine/money";

/**
 * An exact vector over the consumers, num[c] / den. As a distribution it says where one unit of a
 * member's cost ends up (it adds up to 1); as a trace, how many cents of it reach each consumer.
 */
export interface ExactVector {
  readonly num: readonly bigint[];
  readonly den: bigint;
}

/** The distribution of a rule over consumers: weight w on consumer index i, over the total weight. */
export function fromWeights(
  indices: readonly number[],
  weights: readonly bigint[],
  size: number,
): ExactVector {
  const num = new Array<bigint>(size).fill(0n);
  indices.forEach((index, i) => (num[index] += weights[i]));
  return reduce({ num, den: sumUnits(weights) });
}

/**
 * (Σ coefficient_k · vector_k + Σ direct amounts at their consumer) / divisor, exactly. Amounts booked
 * straight to a consumer are unit vectors, added at their index rather than as whole vectors.
 */
export function combine(
  parts: readonly { coefficient: bigint; vector: ExactVector }[],
  divisor: bigint,
  size: number,
  direct: ReadonlyMap<number, bigint> = new Map(),
): ExactVector {
  const common = parts.reduce((multiple, p) => lcm(multiple, p.vector.den), 1n);
  const num = new Array<bigint>(size).fill(0n);
  for (const { coefficient, vector } of parts) {
    if (coefficient === 0n) continue;
    const factor = coefficient * (common / vector.den);
    const source = vector.num;
    for (let c = 0; c < size; c++) if (source[c] !== 0n) num[c] += factor * source[c];
  }
  for (const [index, amount] of direct) num[index] += amount * common;
  return reduce({ num, den: common * divisor });
}

function reduce(vector: { num: bigint[]; den: bigint }): ExactVector {
  const divisor = gcdOf([vector.den, ...vector.num]);
  if (divisor <= 1n) return vector;
  return { num: vector.num.map((n) => n / divisor), den: vector.den / divisor };
}

/**
 * Rounds an exact trace in cents to whole cents adding up to `total` (its exact sum), by the engine's
 * largest-remainder rule, credits as the mirror image of costs.
 */
export function roundTrace(trace: ExactVector, total: bigint): bigint[] {
  return roundToTotal({ numerators: trace.num, denominator: trace.den }, total);
}
