import { SAFETY, U, amountTolerance, presentValueWithBound } from "./tvm-float";

/**
 * TCO's present value and equivalent annual cost of workbook numbers in doubles, as Excel
 * computes a discounted sum, with a bound on the error; undefined whenever the exact TCO of
 * tco.ts must answer: the bound cannot show the result within DESIGN.md's tolerances, or the
 * inputs are an error case (which the exact path reports in words).
 */
export interface TcoNumbers {
  upfront: number;
  /** One yearly amount, escalated; or one amount per year. */
  recurring: number | readonly number[];
  years?: number;
  rate: number;
  escalation: number;
  endOfLife: number;
}

/** The yearly totals (year 0 first) and each one's error in units of u, or undefined for an error case. */
function yearlyTotals(input: TcoNumbers): { totals: Float64Array; errors: Float64Array } | undefined {
  const { upfront, recurring, years, escalation, endOfLife } = input;
  const perYear = typeof recurring !== "number";
  const count = perYear ? recurring.length : years;
  if (count === undefined || !Number.isInteger(count) || count < 0 || count > 1000) return undefined;
  if (perYear ? (years !== undefined && years !== count) || escalation !== 0 : !(escalation > -1))
    return undefined;
  const totals = new Float64Array(count + 1);
  const errors = new Float64Array(count + 1);
  // 1 + escalation rounds once and the escalation itself is within u of its decimal.
  const growthError = 2 + Math.abs(escalation) / Math.abs(1 + escalation);
  let amount = perYear ? 0 : recurring;
  for (let year = 0; year <= count; year++) {
    let yearly = 0;
    if (year > 0) {
      if (perYear) yearly = recurring[year - 1];
      else if (year > 1) amount *= 1 + escalation;
      if (!perYear) yearly = amount;
    }
    const first = year === 0 ? upfront : 0;
    const last = year === count ? endOfLife : 0;
    totals[year] = first + yearly + last;
    const escalated = perYear || year === 0 ? 0 : (year - 1) * (growthError + 1);
    errors[year] =
      Math.abs(first) + Math.abs(last) + Math.abs(yearly) * (1 + escalated) + 2 * Math.abs(totals[year]);
  }
  return { totals, errors };
}

export function tcoInDoubles(input: TcoNumbers, metric: "pv" | "annual"): number | undefined {
  const { rate } = input;
  const values = [input.upfront, input.rate, input.escalation, input.endOfLife];
  if (!values.every(Number.isFinite) || !(rate > -1)) return undefined;
  if (typeof input.recurring !== "number" && !input.recurring.every(Number.isFinite)) return undefined;
  if (typeof input.recurring === "number" && !Number.isFinite(input.recurring)) return undefined;
  const yearly = yearlyTotals(input);
  if (yearly === undefined) return undefined;
  const pv = presentValueWithBound(rate, yearly.totals, yearly.errors);
  if (metric === "pv") {
    return pv.bound <= amountTolerance(pv.value) * SAFETY ? pv.value : undefined;
  }
  const years = yearly.totals.length - 1;
  if (years === 0 || rate === 0) return undefined;
  // rate / (1 − (1+rate)^−years) without cancellation: −expm1(−years·ln(1+rate)).
  const exponent = -years * Math.log1p(rate);
  const factor = rate / -Math.expm1(exponent);
  // The exponent errs by 3u of itself and by the rate's distance from its decimal, years times over.
  const exponentError = U * (3 * Math.abs(exponent) + (years * Math.abs(rate)) / Math.abs(1 + rate));
  const factorError = exponentError * (1 + 1 / Math.abs(exponent)) + 4 * U;
  const annual = pv.value * factor;
  const bound = (pv.bound * Math.abs(factor) + Math.abs(annual) * factorError) * 1.01;
  return Number.isFinite(annual) && bound <= amountTolerance(annual) * SAFETY ? annual : undefined;
}
