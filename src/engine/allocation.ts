import { quantityOfDecimal } from "./allocation/inputs";
import {
  ALLOCATION_METHODS,
  type AllocationMethod,
  type Weights,
  checkDecimals,
  checkMethod,
  checkSomeWeight,
  exactProportions,
  negativeDriver,
  splitUnits,
} from "./allocation/units";
import type { Decimal } from "./decimal";
import { CalcError } from "./errors";
import {
  type Fixed,
  fixedOfDecimal,
  fixedOfNumber,
  fixedToText,
  fractionToDecimal,
  toScale,
  unitsToDecimal,
  unitsToNumber,
} from "./money";

/**
 * The allocation API. Its core is allocateUnits (amounts and shares as bigint units of 10^-decimals,
 * weights as whole numbers); allocateNumbers (ALLOCATE's workbook numbers) and allocate (Decimals)
 * are thin adapters over the same rule. Step-down and reciprocal allocation of support departments,
 * and the exact pieces the service's allocation run builds on, are here too.
 */
export {
  ALLOCATION_METHODS,
  MAX_DECIMALS,
  allocateUnits,
  roundToTotal,
  type AllocationMethod,
  type CommonFraction,
  type RoundingMethod,
} from "./allocation/units";
export { stepDown } from "./allocation/step-down";
export { reciprocal, reciprocalTotals } from "./allocation/reciprocal";
export {
  ReciprocalSystem,
  type ReciprocalSolution,
  type ReciprocalTotals,
} from "./allocation/reciprocal-system";
export { type Rational, fraction } from "./allocation/rational";
export { roundRows } from "./allocation/rounding";
export { roundTable } from "./allocation/table-rounding";

/** Driver quantities as whole-number weights in the same proportions (all at the finest scale among them). */
function commonScale(quantities: readonly Fixed[]): bigint[] {
  const scale = quantities.reduce((most, q) => Math.max(most, q.scale), 0);
  return quantities.map((q) => toScale(q, scale));
}

/** The drivers themselves when every one is a whole number from 0 to 2^53 (already exact weights). */
function wholeNumbers(drivers: Float64Array): Float64Array | undefined {
  for (let i = 0; i < drivers.length; i++) {
    if (!Number.isSafeInteger(drivers[i]) || drivers[i] < 0) return undefined;
  }
  return drivers;
}

/** The powers of ten that are exact doubles. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);
const TWO_TO_52 = 2 ** 52;

/**
 * Drivers with decimals as whole numbers at their common scale (12.5 and 3 become 125 and 30), in
 * doubles. Below 2^52 the one number of k decimals that reads back as d is the decimal String(d)
 * writes, so these are the weights the exact conversion would give; undefined when a driver is
 * negative, needs more than 15 decimals or would pass 2^52 (the exact conversion answers then).
 */
function scaledWholeNumbers(drivers: Float64Array): Float64Array | undefined {
  let scale = 0;
  for (let i = 0; i < drivers.length; i++) {
    const d = drivers[i];
    if (!(d >= 0)) return undefined;
    while (Math.round(d * POWERS_OF_TEN[scale]) / POWERS_OF_TEN[scale] !== d) {
      if (++scale === POWERS_OF_TEN.length) return undefined;
    }
  }
  const power = POWERS_OF_TEN[scale];
  const weights = new Float64Array(drivers.length);
  for (let i = 0; i < drivers.length; i++) {
    const w = Math.round(drivers[i] * power);
    if (w >= TWO_TO_52 || w / power !== drivers[i]) return undefined;
    weights[i] = w;
  }
  return weights;
}

function quantityOfNumber(value: number, what: string): Fixed {
  const quantity = fixedOfNumber(value, what);
  if (quantity.units < 0n) throw negativeDriver(what, fixedToText(quantity));
  return quantity;
}

/**
 * ALLOCATE on workbook numbers. Each amount is split in proportion to its own block of the drivers
 * (in reading order; the caller reads blank cells as 0): one amount over all of them, or a column of n amounts
 * over n equal blocks, the rows of the drivers. Each number converts once to its exact value; each
 * share, exact in units of 10^-decimals, converts once back to the nearest number.
 */
export function allocateNumbers(
  amounts: readonly number[],
  drivers: Float64Array,
  decimals: number,
  method: AllocationMethod,
): Float64Array {
  checkDecimals(decimals);
  checkMethod(method, ALLOCATION_METHODS);
  if (amounts.length === 0 || drivers.length % amounts.length !== 0) {
    throw new CalcError(
      "value",
      `${amounts.length} amounts cannot each take an equal part of ${drivers.length} drivers`,
    );
  }
  const exactAmounts = amounts.map((amount) => fixedOfNumber(amount, "the amount to allocate"));
  const block = drivers.length / amounts.length;
  const shares = new Float64Array(drivers.length);
  exactAmounts.forEach((amount, i) => {
    shares.set(sharesOf(amount, drivers.subarray(i * block, (i + 1) * block), decimals, method), i * block);
  });
  return shares;
}

function sharesOf(
  amount: Fixed,
  drivers: Float64Array,
  decimals: number,
  method: AllocationMethod,
): Float64Array {
  const weights: Weights =
    wholeNumbers(drivers) ??
    scaledWholeNumbers(drivers) ??
    commonScale(Array.from(drivers, (d, i) => quantityOfNumber(d, `driver ${i + 1}`)));
  checkSomeWeight(weights);
  if (method === "none") {
    const { numerators, denominator } = exactProportions(amount, weights);
    return Float64Array.from(numerators, (n) => {
      const share = fractionToDecimal(n, denominator).toNumber();
      return share === 0 ? 0 : share;
    });
  }
  const units = splitUnits(amount, weights, decimals, method);
  if (units instanceof Float64Array) {
    const scale = 10 ** decimals;
    for (let i = 0; i < units.length; i++) units[i] /= scale;
    return units;
  }
  return Float64Array.from(units, (u) => unitsToNumber(u, decimals));
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
  checkMethod(method, ALLOCATION_METHODS);
  const exactAmount = fixedOfDecimal(amount, "the amount to allocate");
  const weights = commonScale(drivers.map((d, i) => quantityOfDecimal(d, `driver ${i + 1}`)));
  checkSomeWeight(weights);
  if (method === "none") {
    const { numerators, denominator } = exactProportions(exactAmount, weights);
    return numerators.map((n) => fractionToDecimal(n, denominator));
  }
  const units: ArrayLike<number | bigint> = splitUnits(exactAmount, weights, decimals, method);
  return Array.from(units, (u) => unitsToDecimal(u, decimals));
}
