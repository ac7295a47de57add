import {
  dayOffsets,
  discountedByDate,
  inDateOrder,
  presentValueByDate,
  rateByDate,
  type DateSerial,
} from "./dated-flows";
import { Decimal, ONE, ZERO, sum } from "./decimal";
import { CalcError } from "./errors";
import { discountFactor, irr, mirr, presentValueFromZero } from "./tvm";

export type RoiMetric = "roi" | "npv" | "irr" | "mirr" | "payback" | "dpayback" | "bcr";

export const ROI_METRICS: readonly RoiMetric[] = ["roi", "npv", "irr", "mirr", "payback", "dpayback", "bcr"];

interface BusinessCase {
  costs: readonly Decimal[];
  benefits: readonly Decimal[];
  /** benefits - costs, period 0 first. */
  net: readonly Decimal[];
  rate: Decimal;
  reinvestRate: Decimal;
  /** With dates: days from the first date to each period's date, as XNPV and XIRR count them. */
  days?: readonly number[];
}

function businessCase(
  costs: readonly Decimal[],
  benefits: readonly Decimal[],
  rate: Decimal,
  reinvestRate: Decimal | undefined,
  dates: readonly DateSerial[] | undefined,
): BusinessCase {
  if (costs.length === 0 || benefits.length === 0) {
    throw new CalcError("value", "costs and benefits need at least one period each");
  }
  if (costs.length !== benefits.length) {
    throw new CalcError(
      "value",
      `costs (${costs.length} periods) and benefits (${benefits.length} periods) must cover the same periods`,
    );
  }
  // No blanket check of the rates: each metric that discounts fails as Excel does (NPV at -100% is #DIV/0!).
  const net = benefits.map((benefit, t) => benefit.minus(costs[t]));
  const c = { costs, benefits, net, rate, reinvestRate: reinvestRate ?? rate };
  if (dates === undefined) return c;
  if (dates.length !== costs.length) {
    throw new CalcError(
      "value",
      `dates: ${dates.length} dates, but costs and benefits have ${costs.length} periods; give one date per period`,
    );
  }
  try {
    return { ...c, days: dayOffsets(dates, costs.length) };
  } catch (error) {
    // The same reason, said of the argument: "dates: the 2nd date, 2008-01-01, is before ..."
    if (error instanceof CalcError) throw new CalcError(error.kind, `dates: ${error.message}`);
    throw error;
  }
}

function discounted(flows: readonly Decimal[], rate: Decimal): Decimal[] {
  const step = discountFactor(rate);
  let factor = ONE;
  return flows.map((flow) => {
    const value = flow.times(factor);
    factor = factor.times(step);
    return value;
  });
}

/**
 * Periods (or, with dates, days from the first date) until the cumulative net is at or above
 * zero for good, interpolated within the period that gets it there (its flow is taken as spread
 * evenly over it). 0 when it never goes negative; #N/A when it is still negative at the end.
 */
function payback(net: readonly Decimal[], days?: readonly number[]): Decimal {
  const { flows, days: times } =
    days === undefined ? { flows: net, days: net.map((_, t) => t) } : inDateOrder(net, days);
  let cumulative = ZERO;
  let lastNegative = -1;
  let shortfall = ZERO;
  flows.forEach((flow, t) => {
    cumulative = cumulative.plus(flow);
    if (cumulative.isNegative() && !cumulative.isZero()) {
      lastNegative = t;
      shortfall = cumulative.negated();
    }
  });
  if (lastNegative === -1) return ZERO;
  if (lastNegative === flows.length - 1) {
    const horizon =
      days === undefined
        ? `within ${flows.length} periods`
        : `by the last date, ${times[lastNegative]} days after the first`;
    throw new CalcError("na", `the investment never pays back ${horizon}`);
  }
  const [start, end] = [times[lastNegative], times[lastNegative + 1]];
  return shortfall
    .div(flows[lastNegative + 1])
    .times(end - start)
    .plus(start);
}

/** Present value from the first period or date: NPV with period 0 undiscounted, or XNPV. */
function presentValue(c: BusinessCase, flows: readonly Decimal[]): Decimal {
  return c.days === undefined
    ? presentValueFromZero(c.rate, flows)
    : presentValueByDate(c.rate, flows, c.days);
}

function metricValue(metric: RoiMetric, c: BusinessCase): Decimal {
  switch (metric) {
    case "roi": {
      const totalCosts = sum(c.costs);
      if (totalCosts.isZero()) {
        throw new CalcError("div0", "total costs are zero, so there is no return on them to compute");
      }
      return sum(c.benefits).minus(totalCosts).div(totalCosts);
    }
    case "npv":
      return presentValue(c, c.net);
    case "irr":
      return c.days === undefined ? irr(c.net) : rateByDate(c.net, c.days);
    case "mirr":
      if (c.days !== undefined) {
        throw new CalcError(
          "value",
          "mirr does not take dates (Excel has no dated MIRR); leave dates blank for mirr",
        );
      }
      return mirr(c.net, c.rate, c.reinvestRate);
    case "payback":
      return payback(c.net, c.days);
    case "dpayback":
      return c.days === undefined
        ? payback(discounted(c.net, c.rate))
        : payback(discountedByDate(c.rate, c.net, c.days), c.days);
    case "bcr": {
      const presentCosts = presentValue(c, c.costs);
      if (presentCosts.isZero()) {
        throw new CalcError(
          "div0",
          "the present value of the costs is zero, so there is no ratio to compute",
        );
      }
      return presentValue(c, c.benefits).div(presentCosts);
    }
  }
}

/**
 * One business-case metric of per-period costs and benefits (period 0 first, undiscounted);
 * reinvestRate (MIRR only) defaults to rate. With dates (one per period, Excel date serials), npv
 * and irr are Excel's XNPV and XIRR, bcr discounts by date and the paybacks count days.
 */
export function roi(
  costs: readonly Decimal[],
  benefits: readonly Decimal[],
  rate: Decimal,
  metric: RoiMetric,
  reinvestRate?: Decimal,
  dates?: readonly DateSerial[],
): Decimal {
  return metricValue(metric, businessCase(costs, benefits, rate, reinvestRate, dates));
}

/** Every metric, each with its value or the error it ends in; invalid inputs still throw. */
export function roiAll(
  costs: readonly Decimal[],
  benefits: readonly Decimal[],
  rate: Decimal,
  reinvestRate?: Decimal,
  dates?: readonly DateSerial[],
): Array<[RoiMetric, Decimal | CalcError]> {
  const c = businessCase(costs, benefits, rate, reinvestRate, dates);
  return ROI_METRICS.map((metric) => {
    try {
      return [metric, metricValue(metric, c)];
    } catch (error) {
      if (error instanceof CalcError) return [metric, error];
      throw error;
    }
  });
}
