import type { Decimal } from "../decimal";
import { lcm, pow10, roundUnitsHalfAway, sumUnits, unitsToDecimal } from "../money";
import { type Rational, negate, sumRational } from "./rational";
import { type CommonFraction, largestRemainder } from "./units";

/** The values in units of the last kept decimal (10^-decimals), over one common denominator. */
export function inUnits(values: readonly Rational[], decimals: number): CommonFraction {
  const denominator = values.reduce((common, v) => lcm(common, v.den), 1n);
  const scale = pow10(decimals);
  return { numerators: values.map((v) => v.num * (denominator / v.den) * scale), denominator };
}

/**
 * Rounds an exact matrix (rows: what passes cost on) to whole units of 10^-decimals so that it adds
 * up to ROUND(grand total, decimals): first the row totals by largest remainder against the rounded
 * grand total, then each row's cells by largest remainder against that row's rounded total. A
 * negative grand total is rounded as the mirror image of the positive one, so credits round toward
 * zero like allocate().
 */
export function roundRows(cells: readonly (readonly Rational[])[], decimals: number): bigint[][] {
  const total = sumRational(cells.map(sumRational));
  const mirror = total.num < 0n;
  const oriented = mirror ? cells.map((row) => row.map(negate)) : cells;
  const rowTotals = inUnits(oriented.map(sumRational), decimals);
  const grandUnits = roundUnitsHalfAway(sumUnits(rowTotals.numerators), rowTotals.denominator);
  const roundedRows = largestRemainder(rowTotals, grandUnits);
  return oriented.map((row, i) =>
    largestRemainder(inUnits(row, decimals), roundedRows[i]).map((units) => (mirror ? -units : units)),
  );
}

/** roundRows as Decimals: what STEPDOWN and RECIPROCAL return. */
export function roundMatrix(cells: readonly (readonly Rational[])[], decimals: number): Decimal[][] {
  return roundRows(cells, decimals).map((row) => row.map((units) => unitsToDecimal(units, decimals)));
}
