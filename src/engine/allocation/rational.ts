import { type Fixed, gcd, pow10 } from "../money";

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

export function rationalOf(value: Fixed): Rational {
  return fraction(value.units, pow10(value.scale));
}
