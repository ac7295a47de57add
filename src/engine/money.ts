/**
 * Exact amounts as whole minor units: a decimal is `units` × 10^-scale, a bigint, so sums and
 * splits carry no rounding at all. Decimal text converts to and from it here.
 */
export interface Fixed {
  readonly units: bigint;
  readonly scale: number;
}

export function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

export function sumUnits(values: readonly bigint[]): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** The greatest common divisor, never negative; gcd(0, 0) = 0. */
export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** The greatest common divisor of all the values; 0 when they are all zero (or there are none). */
export function gcdOf(values: readonly bigint[]): bigint {
  let divisor = 0n;
  for (const v of values) {
    divisor = gcd(divisor, v);
    if (divisor === 1n) break;
  }
  return divisor;
}

export function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

/** Division rounded toward negative infinity (BigInt division truncates toward zero). */
export function floorDiv(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return numerator % denominator !== 0n && numerator < 0n !== denominator < 0n ? quotient - 1n : quotient;
}

/** Excel's ROUND of numerator/denominator (denominator > 0) to a whole number of units: half away from zero. */
export function roundUnitsHalfAway(numerator: bigint, denominator: bigint): bigint {
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = floorDiv(2n * magnitude + denominator, 2n * denominator);
  return numerator < 0n ? -rounded : rounded;
}

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Decimal text ("-12.50") as whole units of its finest decimal. */
export function parseFixed(text: string): Fixed {
  const match = DECIMAL_TEXT.exec(text.trim());
  if (match === null) throw new RangeError(`not a decimal number: "${text}"`);
  const [, sign, whole, fraction = ""] = match;
  const units = BigInt(whole + fraction);
  return { units: sign === "-" ? -units : units, scale: fraction.length };
}

/** The value in units of 10^-scale; the caller guarantees scale >= the value's own scale. */
export function toScale(value: Fixed, scale: number): bigint {
  return value.units * pow10(scale - value.scale);
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

/** The value as plain decimal text without trailing zeros ("12.5", "3"). */
export function fixedToText({ units, scale }: Fixed): string {
  const text = unitsToText(units, scale);
  return scale === 0 ? text : text.replace(/\.?0+$/, "");
}

export function sumFixed(values: Iterable<Fixed>): Fixed {
  const list = [...values];
  const scale = list.reduce((most, v) => Math.max(most, v.scale), 0);
  return { units: list.reduce((total, v) => total + toScale(v, scale), 0n), scale };
}
