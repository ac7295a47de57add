import { Decimal } from "./decimal";
import { type RoiMetric, roi } from "./roi";
import { xirrInDoubles, xnpvInDoubles } from "./dated-flows-float";
import { irrInDoubles, mirrInDoubles, presentValueInDoubles } from "./tvm-float";

/**
 * ROI of workbook numbers: the rate and present-value metrics (npv, irr, mirr) in doubles where
 * tvm-float proves them within DESIGN.md's tolerances; sums of money (roi, payback, bcr), error
 * cases and anything the bound cannot settle from the exact Decimal path of roi.ts.
 */
export function roiOfNumbers(...args: Parameters<typeof roiInDoubles>): number {
  const [costs, benefits, rate, metric, reinvestRate, dates] = args;
  return (
    roiInDoubles(...args) ??
    roi(
      costs.map((c) => new Decimal(c)),
      benefits.map((b) => new Decimal(b)),
      new Decimal(rate),
      metric,
      reinvestRate === undefined ? undefined : new Decimal(reinvestRate),
      dates,
    ).toNumber()
  );
}

/** The metric in doubles, or undefined when the exact path must answer (see roiOfNumbers). */
export function roiInDoubles(
  costs: readonly number[],
  benefits: readonly number[],
  rate: number,
  metric: RoiMetric,
  reinvestRate?: number,
  dates?: readonly number[],
): number | undefined {
  const n = costs.length;
  if (n === 0 || benefits.length !== n) return undefined;
  const net = new Float64Array(n);
  // Each net flow carries both inputs' distance from their decimals and its own rounding.
  const errors = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    net[t] = benefits[t] - costs[t];
    errors[t] = benefits[t] === costs[t] ? 0 : Math.abs(benefits[t]) + Math.abs(costs[t]) + Math.abs(net[t]);
  }
  if (dates !== undefined) {
    if (metric === "npv") return xnpvInDoubles(rate, net, dates, errors);
    return metric === "irr" ? xirrInDoubles(net, dates, undefined, errors) : undefined;
  }
  switch (metric) {
    case "npv":
      return presentValueInDoubles(rate, net, errors);
    case "irr":
      return irrInDoubles(net, undefined, errors);
    case "mirr":
      return mirrInDoubles(net, rate, reinvestRate ?? rate, errors);
    default:
      return undefined;
  }
}
