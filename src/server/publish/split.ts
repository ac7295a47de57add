import { allocateUnits, reciprocal } from "../../engine/allocation";
import { Decimal } from "../../engine/decimal";
import { unitsToText } from "../../engine/money";

const decimalOf = (units: bigint, scale = 0): Decimal => new Decimal(unitsToText(units, scale));
const unitsOf = (value: Decimal, decimals: number): bigint => BigInt(value.times(`1e${decimals}`).toFixed(0));

/** The engine's largest-remainder allocation of whole cents: the shares add up to the amount exactly. */
export function splitCents(cents: bigint, weights: readonly bigint[]): bigint[] {
  return allocateUnits(cents, weights, 2, "largest");
}

/**
 * The engine's reciprocal allocation in cents. `usage` has one row per support service: its weights
 * on the support services (first k columns), then on the operating services. Result k x p.
 */
export function reciprocalCents(costs: readonly bigint[], usage: readonly (readonly bigint[])[]): bigint[][] {
  const matrix = reciprocal(
    costs.map((c) => decimalOf(c, 2)),
    usage.map((row) => row.map((w) => decimalOf(w))),
    2,
  );
  return matrix.map((row) => row.map((cell) => unitsOf(cell, 2)));
}
