import { allocate, allocateSafeIntegerUnits, reciprocal } from "../../engine/allocation";
import { Decimal } from "../../engine/decimal";
import { unitsToText } from "../../engine/money";

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const decimalOf = (units: bigint, scale = 0): Decimal => new Decimal(unitsToText(units, scale));
const unitsOf = (value: Decimal, decimals: number): bigint => BigInt(value.times(`1e${decimals}`).toFixed(0));

/**
 * The engine's allocate(amount, weights, 2, "largest") on whole cents: the shares add up to the
 * amount exactly. Whole-number weights in the safe range take the engine's fast path (same rule).
 */
export function splitCents(cents: bigint, weights: readonly bigint[]): bigint[] {
  const magnitude = cents < 0n ? -cents : cents;
  if (magnitude <= SAFE && weights.every((w) => w <= SAFE)) {
    const units = allocateSafeIntegerUnits(Number(cents), weights.map(Number), "largest");
    if (units !== undefined) return Array.from(units, (u) => BigInt(u));
  }
  const shares = allocate(
    decimalOf(cents, 2),
    weights.map((w) => decimalOf(w)),
    2,
    "largest",
  );
  return shares.map((share) => unitsOf(share, 2));
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
