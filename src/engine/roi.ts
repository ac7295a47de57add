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
}

function businessCase(
  costs: readonly Decimal[],
  benefits: readonly Decimal[],
  rate: Decimal,
  reinvestRate: Decimal | undefined,
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
  return { costs, benefits, net, rate, reinvestRate: reinvestRate ?? rate };
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
 * Periods until the cumulative net is at or above zero for good, interpolated within the period
 * that gets it there (its flow is taken as spread evenly). 0 when it never goes negative.
 */
function paybackPeriods(net: readonly Decimal[]): Decimal {
  let cumulative = ZERO;
  let lastNegative = -1;
  let shortfall = ZERO;
  net.forEach((flow, t) => {
    cumulative = cumulative.plus(flow);
    if (cumulative.isNegative() && !cumulative.isZero()) {
      lastNegative = t;
      shortfall = cumulative.negated();
    }
  });
  if (lastNegative === -1) return ZERO;
  if (lastNegative === net.length - 1) {
    throw new CalcError("na", `the investment never pays back within ${net.length} periods`);
  }
  return shortfall.div(net[lastNegative + 1]).plus(lastNegative);
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
      return presentValueFromZero(c.rate, c.net);
    case "irr":
      return irr(c.net);
    case "mirr":
      return mirr(c.net, c.rate, c.reinvestRate);
    case "payback":
      return paybackPeriods(c.net);
    case "dpayback":
      return paybackPeriods(discounted(c.net, c.rate));
    case "bcr": {
      const presentCosts = presentValueFromZero(c.rate, c.costs);
      if (presentCosts.isZero()) {
        throw new CalcError(
          "div0",
          "the present value of the costs is zero, so there is no ratio to compute",
        );
      }
      return presentValueFromZero(c.rate, c.benefits).div(presentCosts);
    }
  }
}

/**
 * One business-case metric of per-period costs and benefits (period 0 first, undiscounted);
 * reinvestRate (MIRR only) defaults to rate.
 */
export function roi(
  costs: readonly Decimal[],
  benefits: readonly Decimal[],
  rate: Decimal,
  metric: RoiMetric,
  reinvestRate?: Decimal,
): Decimal {
  return metricValue(metric, businessCase(costs, benefits, rate, reinvestRate));
}

/** Every metric, each with its value or the error it ends in; invalid inputs still throw. */
export function roiAll(
  costs: readonly Decimal[],
  benefits: readonly Decimal[],
  rate: Decimal,
  reinvestRate?: Decimal,
): Array<[RoiMetric, Decimal | CalcError]> {
  const c = businessCase(costs, benefits, rate, reinvestRate);
  return ROI_METRICS.map((metric) => {
    try {
      return [metric, metricValue(metric, c)];
    } catch (error) {
      if (error instanceof CalcError) return [metric, error];
      throw error;
    }
  });
}
