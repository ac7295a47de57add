import { Decimal } from "./decimal";
import { CalcError } from "./errors";

/**
 * Exact amounts as whole minor units: a decimal is `units` × 10^-scale, a bigint, so sums and
 * splits carry no rounding at all. Decimal text, workbook numbers and Decimals convert to and from
 * it here.
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

/** Plain decimal text ("-12.50"), or the exponent form JavaScript writes for very large and small numbers ("1e-7"). */
const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

export function parseFixed(text: string): Fixed {
  const match = DECIMAL_TEXT.exec(text.trim());
  if (match === null) throw new RangeError(`not a decimal number: "${text}"`);
  const [, sign, whole, fraction = "", exponent = "0"] = match;
  const digits = BigInt(whole + fraction);
  const scale = fraction.length - Number(exponent);
  const units = scale >= 0 ? digits : digits * pow10(-scale);
  return { units: sign === "-" ? -units : units, scale: Math.max(scale, 0) };
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

/**
 * The exact value of a workbook number: the decimal its shortest round-trip text shows, so 0.1 is
 * one tenth rather than the binary double nearest to it. `what` names it in the error.
 */
export function fixedOfNumber(value: number, what: string): Fixed {
  if (!Number.isFinite(value)) throw new CalcError("num", `${what} is not a finite number (${value})`);
  return parseFixed(String(value));
}

const SAFE_UNITS = BigInt(Number.MAX_SAFE_INTEGER);

/** Whole units of 10^-scale as the nearest workbook number (one rounding; zero comes back as +0). */
export function unitsToNumber(units: bigint, scale: number): number {
  const magnitude = units < 0n ? -units : units;
  // Both operands are exact doubles here, and one IEEE division rounds correctly, as parsing the text would.
  if (magnitude <= SAFE_UNITS && scale <= 22) return Number(units) / 10 ** scale;
  return Number(unitsToText(units, scale));
}

/** Inputs come from workbook numbers (at most about 1e308); far beyond that is a mistake, not data. */
const MAX_DECIMAL_EXPONENT = 400;

/** The exact value of a Decimal input; `what` names it in the error ("driver 3", "cost 2"). */
export function fixedOfDecimal(x: Decimal, what: string): Fixed {
  if (!x.isFinite()) throw new CalcError("num", `${what} is not a finite number (${x.toString()})`);
  if (x.isZero()) return { units: 0n, scale: 0 };
  const [mantissa, exponentText] = x.toExponential().split("e");
  const exponent = Number(exponentText);
  if (Math.abs(exponent) > MAX_DECIMAL_EXPONENT) {
    throw new CalcError(
      "num",
      `${what} (${x.toExponential(3)}) is outside the range of numbers a workbook can hold (1e-${MAX_DECIMAL_EXPONENT} to 1e${MAX_DECIMAL_EXPONENT})`,
    );
  }
  const fractionDigits = (mantissa.split(".")[1] ?? "").length;
  const digits = BigInt(mantissa.replace(".", ""));
  const scale = exponent - fractionDigits;
  return scale >= 0 ? { units: digits * pow10(scale), scale: 0 } : { units: digits, scale: -scale };
}

export function unitsToDecimal(units: bigint | number, scale: number): Decimal {
  return new Decimal(`${units}e-${scale}`);
}

/** The nearest Decimal to numerator/denominator (one rounding, to the product's 40 significant digits). */
export function fractionToDecimal(numerator: bigint, denominator: bigint): Decimal {
  return new Decimal(numerator.toString()).div(denominator.toString());
}
