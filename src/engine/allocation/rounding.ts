import { Decimal } from "../decimal";
import { floorDiv, lcm, pow10, roundUnitsHalfAway, sumUnits } from "../money";
import { type Rational, negate, sumRational } from "./rational";

/** Values expressed as numerators over one shared positive denominator. */
export interface CommonFraction {
  readonly numerators: readonly bigint[];
  readonly denominator: bigint;
}

/** The values in units of the last kept decimal (10^-decimals), over one common denominator. */
export function inUnits(values: readonly Rational[], decimals: number): CommonFraction {
  const denominator = values.reduce((common, v) => lcm(common, v.den), 1n);
  const scale = pow10(decimals);
  return { numerators: values.map((v) => v.num * (denominator / v.den) * scale), denominator };
}

/**
 * Largest remainder: round every value down, then hand the units still missing to the largest
 * fractional parts, the earlier position first on ties. `target` must lie less than one unit from
 * the values' exact sum; then between 0 and n units are missing and only values with a fractional
 * part receive one, so every result is within one unit of its exact value.
 */
export function largestRemainder(values: CommonFraction, target: bigint): bigint[] {
  const { numerators, denominator } = values;
  const rounded = numerators.map((n) => floorDiv(n, denominator));
  const remainders = numerators.map((n, i) => n - rounded[i] * denominator);
  let missing = target - sumUnits(rounded);
  const byRemainder = remainders
    .map((_, i) => i)
    .sort((a, b) => (remainders[a] === remainders[b] ? a - b : remainders[a] > remainders[b] ? -1 : 1));
  for (const i of byRemainder) {
    if (missing <= 0n) break;
    rounded[i] += 1n;
    missing -= 1n;
  }
  return rounded;
}

export function unitsToDecimal(units: bigint, decimals: number): Decimal {
  return new Decimal(`${units}e-${decimals}`);
}

/**
 * Rounds an exact matrix (rows: departments that pass cost on) so that it adds up to ROUND(grand
 * total, decimals): first the row totals by largest remainder against the rounded grand total, then
 * each row's cells by largest remainder against that row's rounded total. A negative grand total is
 * rounded as the mirror image of the positive one, so credits round toward zero like allocate().
 */
export function roundMatrix(cells: readonly (readonly Rational[])[], decimals: number): Decimal[][] {
  const total = sumRational(cells.map(sumRational));
  const mirror = total.num < 0n;
  const oriented = mirror ? cells.map((row) => row.map(negate)) : cells;
  const rowTotals = inUnits(oriented.map(sumRational), decimals);
  const grandUnits = roundUnitsHalfAway(sumUnits(rowTotals.numerators), rowTotals.denominator);
  const roundedRows = largestRemainder(rowTotals, grandUnits);
  return oriented.map((row, i) =>
    largestRemainder(inUnits(row, decimals), roundedRows[i]).map((units) =>
      unitsToDecimal(mirror ? -units : units, decimals),
    ),
  );
}
