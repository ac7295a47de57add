import { DAYS_PER_YEAR, LAST_DATE_SERIAL, xirr, xnpv } from "./dated-flows";
import { Decimal } from "./decimal";
import { floatRoot } from "./float-rate";
import { DEFAULT_GUESS, type FlowErrors, SAFETY, U, amountTolerance, finiteInputs } from "./tvm-float";

/**
 * XNPV and XIRR of workbook numbers in doubles, each with a bound on its rounding error, as
 * tvm-float does for NPV and IRR; whenever the bound cannot show the result inside DESIGN.md's
 * tolerances, or the inputs are an error case, the exact path of dated-flows.ts answers.
 */

/** Years from the first date, when every date is one Excel knows and none is before the first. */
function yearsFromFirst(dates: ArrayLike<number>, count: number): Float64Array | undefined {
  if (dates.length !== count || count === 0 || !finiteInputs(dates)) return undefined;
  const first = Math.trunc(dates[0]);
  const years = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const day = Math.trunc(dates[i]);
    if (day < first || day > LAST_DATE_SERIAL || day < 0) return undefined;
    years[i] = (day - first) / DAYS_PER_YEAR;
  }
  return years;
}

/**
 * Σ flows_i (1+rate)^-years_i with its bound: each factor exp(-years·ln(1+rate)) errs by the
 * exponent's rounding (3u relative, and the rate's own distance from its decimal) and exp's own
 * (2u); each flow by its own error (FlowErrors, |flow| by default); the sum by n·u of the magnitudes.
 */
function datedSum(
  flows: ArrayLike<number>,
  years: Float64Array,
  rate: number,
  flowErrors: FlowErrors,
): { value: number; bound: number } {
  const logGrowth = Math.log1p(rate);
  const rateShift = Math.abs(rate) / Math.abs(1 + rate);
  let value = 0;
  let magnitude = 0;
  let termErrors = 0;
  for (let i = 0; i < flows.length; i++) {
    const exponent = -years[i] * logGrowth;
    const factor = Math.exp(exponent);
    const term = flows[i] * factor;
    value += term;
    const size = Math.abs(term);
    magnitude += size;
    const input = flowErrors === undefined ? Math.abs(flows[i]) : flowErrors[i];
    termErrors += size * (3 * Math.abs(exponent) + years[i] * rateShift + 3) + input * factor;
  }
  return { value, bound: (U * termErrors + flows.length * U * magnitude) * 1.01 };
}

/** Excel XNPV in doubles, or undefined when the bound cannot keep it within tolerance. */
export function xnpvInDoubles(
  rate: number,
  flows: ArrayLike<number>,
  dates: ArrayLike<number>,
  flowErrors?: FlowErrors,
): number | undefined {
  if (!(rate > -1) || !Number.isFinite(rate) || !finiteInputs(flows)) return undefined;
  const years = yearsFromFirst(dates, flows.length);
  if (years === undefined) return undefined;
  const { value, bound } = datedSum(flows, years, rate, flowErrors);
  return Number.isFinite(value) && bound <= amountTolerance(value) * SAFETY ? value : undefined;
}

/** Excel XNPV: Σ flows_i / (1 + rate)^((d_i − d_0) / 365). */
export function xnpvOfNumbers(rate: number, flows: ArrayLike<number>, dates: ArrayLike<number>): number {
  return (
    xnpvInDoubles(rate, flows, dates) ??
    xnpv(
      new Decimal(rate),
      Array.from(flows, (f) => new Decimal(f)),
      Array.from(dates),
    ).toNumber()
  );
}

/**
 * Whether the flows, in date order, change sign exactly once: then the root above -100% is
 * unique (Descartes' rule for sums of powers with real exponents). Flows of both signs on one
 * day would need their exact sum, so those are left to the exact path.
 */
function oneSignChangeByDate(flows: ArrayLike<number>, years: Float64Array): boolean {
  const order = Array.from(years, (_, i) => i).sort((a, b) => years[a] - years[b]);
  let changes = 0;
  let sign = 0;
  let daySign = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (k > 0 && years[i] !== years[order[k - 1]]) daySign = 0;
    const s = Math.sign(flows[i]);
    if (s === 0) continue;
    if (daySign !== 0 && s !== daySign) return false;
    daySign = s;
    if (sign !== 0 && s !== sign) changes++;
    sign = s;
  }
  return changes === 1;
}

/** Excel XIRR in doubles, or undefined: a float root proven within 1e-9 of the unique exact one. */
export function xirrInDoubles(
  flows: ArrayLike<number>,
  dates: ArrayLike<number>,
  guess: number = DEFAULT_GUESS,
  flowErrors?: FlowErrors,
): number | undefined {
  if (!(guess > -1) || !Number.isFinite(guess) || !finiteInputs(flows)) return undefined;
  const years = yearsFromFirst(dates, flows.length);
  if (years === undefined || !oneSignChangeByDate(flows, years)) return undefined;
  return floatRoot(
    {
      withSlope: (rate) => {
        const logGrowth = Math.log1p(rate);
        let value = 0;
        let weighted = 0;
        for (let i = 0; i < flows.length; i++) {
          const term = flows[i] * Math.exp(-years[i] * logGrowth);
          value += term;
          weighted += term * years[i];
        }
        return [value, -weighted / (1 + rate)];
      },
      bounded: (rate) => datedSum(flows, years, rate, flowErrors),
    },
    guess,
  );
}

/** Excel XIRR (guess 0.1 unless given): in doubles where that is proven close enough, else exact. */
export function xirrOfNumbers(
  flows: ArrayLike<number>,
  dates: ArrayLike<number>,
  guess: number = DEFAULT_GUESS,
): number {
  return (
    xirrInDoubles(flows, dates, guess) ??
    xirr(
      Array.from(flows, (f) => new Decimal(f)),
      Array.from(dates),
      new Decimal(guess),
    ).toNumber()
  );
}
