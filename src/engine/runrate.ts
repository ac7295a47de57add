import { Decimal, ZERO, sum } from "./decimal";
import { CalcError } from "./errors";

export type RunRateMethod = "average" | "last" | "trend";
export const RUN_RATE_METHODS: readonly RunRateMethod[] = ["average", "last", "trend"];

/** Σ over periods from..to (1-based) of the least-squares line through actuals at periods 1..n. */
function trendTotal(actuals: readonly Decimal[], from: number, to: number): Decimal {
  const n = actuals.length;
  if (n < 2) throw new CalcError("div0", "a trend needs at least two periods of actuals");
  if (to < from) return ZERO;
  const meanPeriod = new Decimal(n + 1).div(2);
  const meanActual = sum(actuals).div(n);
  let covariance = ZERO;
  let variance = ZERO;
  actuals.forEach((actual, i) => {
    const offset = meanPeriod.negated().plus(i + 1);
    covariance = covariance.plus(offset.times(actual.minus(meanActual)));
    variance = variance.plus(offset.times(offset));
  });
  const slope = covariance.div(variance);
  // A straight line summed over consecutive periods is its value at their midpoint times their count.
  const midpoint = new Decimal(from + to).div(2);
  return meanActual.plus(slope.times(midpoint.minus(meanPeriod))).times(to - from + 1);
}

/**
 * Full-horizon forecast from actuals to date. average: Σactuals / n × periodsTotal; last:
 * Σactuals + last × (periodsTotal - n); trend: Σactuals + the least-squares line through the
 * actuals over the remaining periods n+1..periodsTotal.
 */
export function runRate(actuals: readonly Decimal[], periodsTotal: number, method: RunRateMethod): Decimal {
  const n = actuals.length;
  if (n === 0) throw new CalcError("div0", "there are no actuals to extrapolate from");
  if (!Number.isInteger(periodsTotal) || periodsTotal < n) {
    throw new CalcError(
      "num",
      `periods_total must be a whole number of periods no smaller than the ${n} periods of actuals, got ${periodsTotal}`,
    );
  }
  const total = sum(actuals);
  switch (method) {
    case "average":
      return total.times(periodsTotal).div(n);
    case "last":
      return total.plus(actuals[n - 1].times(periodsTotal - n));
    case "trend":
      return total.plus(trendTotal(actuals, n + 1, periodsTotal));
  }
}
