import { Decimal } from "../decimal";
import { CalcError } from "../errors";
import { gcd, pow10 } from "../money";

/**
 * An exact fraction num/den (den > 0, lowest terms). Allocation works on exact fractions so that
 * rounded results add back to the rounded total penny for penny at any magnitude.
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

export const RATIONAL_ZERO: Rational = { num: 0n, den: 1n };
export const RATIONAL_ONE: Rational = { num: 1n, den: 1n };

/** Inputs come from workbook numbers (at most about 1e308); far beyond that is a mistake, not data. */
const MAX_DECIMAL_EXPONENT = 400;

export function fraction(num: bigint, den: bigint): Rational {
  if (den === 0n) throw new RangeError("fraction with a zero denominator");
  const sign = den < 0n ? -1n : 1n;
  const divisor = gcd(num, den);
  return { num: (sign * num) / divisor, den: (sign * den) / divisor };
}

export const add = (a: Rational, b: Rational): Rational =>
  fraction(a.num * b.den + b.num * a.den, a.den * b.den);
export const multiply = (a: Rational, b: Rational): Rational => fraction(a.num * b.num, a.den * b.den);
export const divide = (a: Rational, b: Rational): Rational => fraction(a.num * b.den, a.den * b.num);
export const negate = (a: Rational): Rational => ({ num: -a.num, den: a.den });
export const isZero = (a: Rational): boolean => a.num === 0n;

export function sumRational(values: readonly Rational[]): Rational {
  return values.reduce(add, RATIONAL_ZERO);
}

/** The exact value of a Decimal input; `what` names it in the error ("driver 3", "cost 2"). */
export function exactValue(x: Decimal, what: string): Rational {
  if (!x.isFinite()) throw new CalcError("num", `${what} is not a finite number (${x.toString()})`);
  if (x.isZero()) return RATIONAL_ZERO;
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
  return scale >= 0 ? { num: digits * pow10(scale), den: 1n } : fraction(digits, pow10(-scale));
}

/** The nearest Decimal of the product's precision (one rounding, to 40 significant digits). */
export function toDecimal(value: Rational): Decimal {
  return new Decimal(value.num.toString()).div(value.den.toString());
}
