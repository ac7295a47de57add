import { type Decimal, ZERO } from "../decimal";
import { CalcError } from "../errors";
import { checkDecimals, exactQuantity } from "./inputs";
import { pow10, roundUnitsHalfAway, sumUnits } from "../money";
import { type Rational, exactValue, negate, toDecimal } from "./rational";
import { type CommonFraction, inUnits, largestRemainder, unitsToDecimal } from "./rounding";

export type AllocationMethod = "largest" | "plug" | "none";

export const ALLOCATION_METHODS: readonly AllocationMethod[] = ["largest", "plug", "none"];

/** Exact shares of a non-negative amount, in units of 10^-decimals, over one common denominator. */
function exactShares(amount: Rational, weights: CommonFraction, decimals: number): CommonFraction {
  const scale = pow10(decimals);
  const totalWeight = sumUnits(weights.numerators);
  return {
    numerators: weights.numerators.map((w) => amount.num * w * scale),
    denominator: amount.den * totalWeight,
  };
}

/** Round half away from zero each share, then put the difference on the share of the largest driver. */
function plug(shares: CommonFraction, target: bigint, weights: CommonFraction): bigint[] {
  const rounded = shares.numerators.map((n) => roundUnitsHalfAway(n, shares.denominator));
  const difference = target - sumUnits(rounded);
  const largest = weights.numerators.reduce((best, w, i) => (w > weights.numerators[best] ? i : best), 0);
  rounded[largest] += difference;
  return rounded;
}

function readWeights(drivers: readonly Decimal[]): CommonFraction {
  if (drivers.length === 0) throw new CalcError("div0", "there are no drivers: nothing to allocate by");
  const weights = inUnits(
    drivers.map((d, i) => exactQuantity(d, `driver ${i + 1}`)),
    0,
  );
  if (weights.numerators.every((w) => w === 0n)) {
    throw new CalcError("div0", "all drivers are zero: nothing to allocate by");
  }
  return weights;
}

/**
 * Splits `amount` in proportion to `drivers`. With "largest" and "plug" the shares add up exactly to
 * ROUND(amount, decimals); a negative amount (a credit) is split as the mirror image of the positive one.
 */
export function allocate(
  amount: Decimal,
  drivers: readonly Decimal[],
  decimals: number,
  method: AllocationMethod,
): Decimal[] {
  checkDecimals(decimals);
  if (!ALLOCATION_METHODS.includes(method)) {
    throw new CalcError("value", `method must be "largest", "plug" or "none" (got "${String(method)}")`);
  }
  const exactAmount = exactValue(amount, "the amount to allocate");
  const weights = readWeights(drivers);
  if (exactAmount.num === 0n) return drivers.map(() => ZERO);
  const credit = exactAmount.num < 0n;
  const magnitude = credit ? negate(exactAmount) : exactAmount;
  const signed = (units: bigint): bigint => (credit ? -units : units);

  if (method === "none") {
    const shares = exactShares(magnitude, weights, 0);
    return shares.numerators.map((n) => toDecimal({ num: signed(n), den: shares.denominator }));
  }
  const shares = exactShares(magnitude, weights, decimals);
  const target = roundUnitsHalfAway(magnitude.num * pow10(decimals), magnitude.den);
  const units = method === "largest" ? largestRemainder(shares, target) : plug(shares, target, weights);
  return units.map((u) => unitsToDecimal(signed(u), decimals));
}
