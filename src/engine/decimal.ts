import DecimalJs from "decimal.js";

/**
 * The one Decimal constructor of the product. 40 significant digits keep intermediate results of
 * discounting and allocation far beyond the cent; ROUND_HALF_UP in decimal.js is half away from
 * zero, which is what Excel's ROUND does.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

/** Excel's ROUND(x, decimals): half away from zero. */
export function roundHalfAway(x: Decimal, decimals: number): Decimal {
  return x.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
}

export function sum(values: readonly Decimal[]): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
