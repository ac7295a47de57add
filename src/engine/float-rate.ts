/**
 * The rate where a valuation in doubles is zero, for valuations with one root above -100%:
 * Newton's method from the guess, else bisection of the growth factor, then a proof that the
 * root is within ±1e-9 of the result (a sign change the error bound cannot explain away).
 */

export interface FloatValuation {
  /** The value at `rate` and its derivative with respect to the rate. */
  withSlope(rate: number): [value: number, slope: number];
  /** The value at `rate` and a bound on its distance from the exact value. */
  bounded(rate: number): { value: number; bound: number };
}

const MAX_NEWTON_STEPS = 60;
/** Half-width of the interval around a float rate that must hold a sign change. */
const ROOT_BRACKET = 1e-9;

function newton(valuation: FloatValuation, guess: number): number {
  let rate = guess;
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    const [value, slope] = valuation.withSlope(rate);
    const next = rate - value / slope;
    if (!(next > -1) || !Number.isFinite(next)) return Number.NaN;
    if (Math.abs(next - rate) <= 1e-15 * (1 + Math.abs(next))) return next;
    rate = next;
  }
  return Number.NaN;
}

/**
 * The growth factor 1+rate is doubled and halved from the guess until the value changes sign,
 * then bisected down to the resolution of a double.
 */
function bisection(valuation: FloatValuation, guess: number): number {
  const sign = (growth: number) => Math.sign(valuation.withSlope(growth - 1)[0]);
  let low = 1 + guess;
  let high = low;
  const start = sign(low);
  if (start === 0) return guess;
  for (let step = 0; sign(high) === start && sign(low) === start; step++) {
    if (step === 1100) return Number.NaN;
    high *= 2;
    low /= 2;
  }
  if (sign(high) !== start) low = high / 2;
  else high = low * 2;
  const lowSign = sign(low);
  for (let step = 0; step < 200 && high - low > 1e-15 * high; step++) {
    const middle = (low + high) / 2;
    if (sign(middle) === lowSign) low = middle;
    else high = middle;
  }
  return (low + high) / 2 - 1;
}

/** The value's sign at `rate` when the bound proves it (0 when it cannot tell). */
function certainSign(valuation: FloatValuation, rate: number): number {
  if (!(rate > -1)) return 0;
  const { value, bound } = valuation.bounded(rate);
  return Number.isFinite(value) && Math.abs(value) > bound ? Math.sign(value) : 0;
}

/**
 * The root near the guess, within 1e-9 of the exact root (far inside DESIGN.md's 1e-7), or
 * undefined when none was found or the bound cannot prove it. The caller has shown the root unique.
 */
export function floatRoot(valuation: FloatValuation, guess: number): number | undefined {
  const found = newton(valuation, guess);
  const rate = Number.isFinite(found) ? found : bisection(valuation, guess);
  if (!Number.isFinite(rate)) return undefined;
  const below = certainSign(valuation, rate - ROOT_BRACKET);
  const above = certainSign(valuation, rate + ROOT_BRACKET);
  return below !== 0 && above !== 0 && below !== above ? rate : undefined;
}
