import { Decimal } from "./decimal";
import { floatRoot } from "./float-rate";
import { irr, mirr, npv, presentValueFromZero } from "./tvm";

/**
 * NPV, IRR and MIRR of workbook numbers in binary floating point, as Excel computes them, each
 * with a rigorous bound on its rounding error. When the bound cannot show the result inside
 * DESIGN.md's tolerances (amounts to max(1e-6, 1e-9 × |value|), rates to 1e-7) — cancelling flows,
 * rates near -100%, overflow — or the inputs are an error case, the exact Decimal path of tvm.ts
 * answers instead, so the two paths never disagree beyond the tolerances and errors are the same.
 */

/** The unit roundoff of binary64. */
export const U = 2 ** -53;
/** A float result is kept only when its bound is below this share of its tolerance. */
export const SAFETY = 1 / 16;
const RATE_TOLERANCE = 1e-7;
/** Excel's IRR starting guess. */
export const DEFAULT_GUESS = 0.1;

/** An amount's tolerance in DESIGN.md. */
export function amountTolerance(value: number): number {
  return Math.max(1e-6, 1e-9 * Math.abs(value));
}

const decimals = (values: ArrayLike<number>) => Array.from(values, (v) => new Decimal(v));

export interface Evaluation {
  /** Σ flows[t] × x^t, t from 0. */
  value: number;
  /** A bound on |value − the exact sum for the decimal inputs|. */
  bound: number;
}

/**
 * How far each flow may be from the exact value the exact path works on, in units of u (2^-53):
 * by default |flow|, the distance between a binary input and the decimal read from it; a flow
 * computed from several inputs (benefit − cost) passes the sum of theirs.
 */
export type FlowErrors = ArrayLike<number> | undefined;

/**
 * Σ flows[t] × x^t by Horner's scheme with x = 1/(1+rate). The bound covers Horner's rounding
 * (γ_2n × Σ|flows[t]||x|^t), the rounding of x (its relative error, times t ≤ n), and each flow's
 * own error (FlowErrors) carried through the discounting.
 */
function discountedSum(flows: ArrayLike<number>, rate: number, flowErrors: FlowErrors): Evaluation {
  const n = flows.length;
  const x = 1 / (1 + rate);
  let value = 0;
  let magnitude = 0;
  let inputs = 0;
  const ax = Math.abs(x);
  for (let t = n - 1; t >= 0; t--) {
    value = value * x + flows[t];
    magnitude = magnitude * ax + Math.abs(flows[t]);
    inputs = inputs * ax + (flowErrors === undefined ? Math.abs(flows[t]) : flowErrors[t]);
  }
  // The rate as read is within u·|rate| of its decimal; 1/(1+rate) adds 2u of its own.
  const xError = U * (2 + Math.abs(rate) / Math.abs(1 + rate));
  const bound = (((2 * n + 2) * U + n * xError) * magnitude + U * inputs) * 1.01;
  return { value, bound };
}

/** A float result that is finite and provably within `tolerance` of the exact one, else undefined. */
function trusted(evaluation: Evaluation, tolerance: (value: number) => number): number | undefined {
  const { value, bound } = evaluation;
  return Number.isFinite(value) && Number.isFinite(bound) && bound <= tolerance(value) * SAFETY
    ? value
    : undefined;
}

export function finiteInputs(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

const usable = (rate: number, flows: ArrayLike<number>) =>
  flows.length > 0 && rate > -1 && Number.isFinite(rate) && finiteInputs(flows);

/** Excel NPV in doubles, or undefined when the bound cannot keep it within tolerance. */
export function npvInDoubles(
  rate: number,
  flows: ArrayLike<number>,
  flowErrors?: FlowErrors,
): number | undefined {
  if (!usable(rate, flows)) return undefined;
  const sum = discountedSum(flows, rate, flowErrors);
  const x = 1 / (1 + rate);
  return trusted({ value: sum.value * x, bound: sum.bound * x * (1 + 4 * U) }, amountTolerance);
}

/** Excel NPV: Σ flows[t-1] / (1+rate)^t for t = 1..n. */
export function npvOfNumbers(rate: number, flows: ArrayLike<number>): number {
  return npvInDoubles(rate, flows) ?? npv(new Decimal(rate), decimals(flows)).toNumber();
}

/** The present value from period 0 in doubles, or undefined when the bound cannot keep it within tolerance. */
export function presentValueInDoubles(
  rate: number,
  flows: ArrayLike<number>,
  flowErrors?: FlowErrors,
): number | undefined {
  return usable(rate, flows) ? trusted(discountedSum(flows, rate, flowErrors), amountTolerance) : undefined;
}

/** Σ flows[t] / (1+rate)^t, t from 0, with the bound on its error (rate above -100%). */
export function presentValueWithBound(
  rate: number,
  flows: ArrayLike<number>,
  flowErrors?: FlowErrors,
): Evaluation {
  return discountedSum(flows, rate, flowErrors);
}

/** Σ flows[t] / (1+rate)^t for t from 0: period 0 stays undiscounted. */
export function presentValueOfNumbers(rate: number, flows: ArrayLike<number>): number {
  return (
    presentValueInDoubles(rate, flows) ?? presentValueFromZero(new Decimal(rate), decimals(flows)).toNumber()
  );
}

/** How often the sign of the flows changes, zeros skipped. */
export function signChanges(flows: ArrayLike<number>): number {
  let changes = 0;
  let sign = 0;
  for (let i = 0; i < flows.length; i++) {
    const s = Math.sign(flows[i]);
    if (s === 0) continue;
    if (sign !== 0 && s !== sign) changes++;
    sign = s;
  }
  return changes;
}

/**
 * Excel IRR in doubles, or undefined. With one sign change the rate above -100% is unique (Descartes' rule on the
 * polynomial in 1/(1+rate)), so a float Newton root is the exact path's root once the NPV is
 * shown to change sign within ±1e-9 of it. More sign changes (several roots, where the guess
 * decides), error cases and roots the bound cannot separate go to the exact path.
 */
export function irrInDoubles(
  flows: ArrayLike<number>,
  guess: number = DEFAULT_GUESS,
  flowErrors?: FlowErrors,
): number | undefined {
  if (!(guess > -1) || !Number.isFinite(guess) || !finiteInputs(flows) || signChanges(flows) !== 1) {
    return undefined;
  }
  return floatRoot(
    {
      withSlope: (rate) => {
        const x = 1 / (1 + rate);
        let value = 0;
        let slope = 0;
        for (let t = flows.length - 1; t >= 0; t--) {
          slope = slope * x + value;
          value = value * x + flows[t];
        }
        // d/drate of Σ f_t x^t is -x² Σ t f_t x^(t-1).
        return [value, -slope * x * x];
      },
      bounded: (rate) => discountedSum(flows, rate, flowErrors),
    },
    guess,
  );
}

/** Excel IRR (guess 0.1 unless given): in doubles where that is proven close enough, else exact. */
export function irrOfNumbers(flows: ArrayLike<number>, guess: number = DEFAULT_GUESS): number {
  return irrInDoubles(flows, guess) ?? irr(decimals(flows), new Decimal(guess)).toNumber();
}

/**
 * Excel MIRR. Inflows and outflows are summed apart, each of one sign, so neither sum cancels:
 * their relative errors stay near n·u and so does the rate's, unless a rate is near -100%.
 */
export function mirrInDoubles(
  flows: ArrayLike<number>,
  financeRate: number,
  reinvestRate: number,
  flowErrors?: FlowErrors,
): number | undefined {
  const n = flows.length;
  if (n > 1 && financeRate > -1 && reinvestRate > -1 && finiteInputs(flows) && signChanges(flows) > 0) {
    const growth = 1 + reinvestRate;
    const discount = 1 / (1 + financeRate);
    let future = 0;
    let present = 0;
    let futureInputs = 0;
    let presentInputs = 0;
    const errorOf = (t: number) => (flowErrors === undefined ? Math.abs(flows[t]) : flowErrors[t]);
    for (let t = 0; t < n; t++) {
      future = future * growth + Math.max(flows[t], 0);
      futureInputs = futureInputs * growth + (flows[t] > 0 ? errorOf(t) : 0);
    }
    for (let t = n - 1; t >= 0; t--) {
      present = present * discount + Math.min(flows[t], 0);
      presentInputs = presentInputs * discount + (flows[t] < 0 ? errorOf(t) : 0);
    }
    const ratio = -future / present;
    const exponent = 1 / (n - 1);
    const result = ratio ** exponent - 1;
    const rateError = (r: number) => U * (2 + Math.abs(r) / Math.abs(1 + r));
    // Relative error of the ratio: both sums' roundings and each rate's, n times over, and the flows' own.
    const ratioError =
      (4 * n + 4) * U +
      n * (rateError(financeRate) + rateError(reinvestRate)) +
      U * (futureInputs / future + presentInputs / -present);
    // The root divides it by n - 1; the rounded exponent and the power add their own.
    const rootError = ratioError * exponent + Math.abs(Math.log(ratio)) * exponent * U + 2 * U;
    const bound = ((1 + result) * rootError + U) * 1.01;
    if (Number.isFinite(result) && ratio > 0 && bound <= RATE_TOLERANCE * SAFETY) return result;
  }
  return undefined;
}

/** Excel MIRR: in doubles where that is proven close enough, else exact. */
export function mirrOfNumbers(flows: ArrayLike<number>, financeRate: number, reinvestRate: number): number {
  return (
    mirrInDoubles(flows, financeRate, reinvestRate) ??
    mirr(decimals(flows), new Decimal(financeRate), new Decimal(reinvestRate)).toNumber()
  );
}
