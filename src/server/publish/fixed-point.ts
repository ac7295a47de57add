/**
 * Exact decimal text <-> whole units. The allocation run works in whole cents (and driver weights in
 * whole units of their finest decimal) as bigints, so sums and splits carry no rounding at all.
 */

/** A decimal written as text, as a whole number of 10^-scale units. */
export interface Fixed {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

export function parseFixed(text: string): Fixed {
  const match = DECIMAL_TEXT.exec(text.trim());
  if (match === null) throw new RangeError(`not a decimal number: "${text}"`);
  const [, sign, whole, fraction = ""] = match;
  const units = BigInt(whole + fraction);
  return { units: sign === "-" ? -units : units, scale: fraction.length };
}

/** The value in units of 10^-scale; the caller guarantees scale >= the value's own scale. */
export function toScale(value: Fixed, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** Whole units of 10^-scale written as decimal text with exactly `scale` decimals. */
export function unitsToText(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const text = scale === 0 ? whole : `${whole}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

export const centsToText = (cents: bigint): string => unitsToText(cents, 2);

export function gcdOf(values: readonly bigint[]): bigint {
  let divisor = 0n;
  for (const v of values) {
    let [a, b] = [divisor, v < 0n ? -v : v];
    while (b !== 0n) [a, b] = [b, a % b];
    divisor = a;
    if (divisor === 1n) break;
  }
  return divisor;
}

export function lcm(a: bigint, b: bigint): bigint {
  return (a / gcdOf([a, b])) * b;
}

export function sumFixed(values: Iterable<Fixed>): Fixed {
  const list = [...values];
  const scale = list.reduce((most, v) => Math.max(most, v.scale), 0);
  return { units: list.reduce((total, v) => total + toScale(v, scale), 0n), scale };
}

/** The value as plain decimal text without trailing zeros ("12.5", "3"). */
export function fixedToText({ units, scale }: Fixed): string {
  const text = unitsToText(units, scale);
  return scale === 0 ? text : text.replace(/\.?0+$/, "");
}
