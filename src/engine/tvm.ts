import { Decimal, ONE, ZERO } from "./decimal";
import { CalcError } from "./errors";

/** Excel's IRR and XIRR starting guess. */
export const DEFAULT_IRR_GUESS = new Decimal("0.1");
/** A rate step below this ends Newton's iteration: far below the 1e-7 Excel resolves. */
const RATE_TOLERANCE = new Decimal("1e-30");
const MAX_NEWTON_STEPS = 100;
/** Growth factor between neighbouring trial rates when the root has to be bracketed. */
const BRACKET_STEP = new Decimal("1.05");
const MAX_BRACKET_STEPS = 500;
const MAX_BISECTIONS = 200;

/** Rates that make (1 + rate) zero or negative have no meaning for discounting or compounding. */
export function requireRateAboveMinusOne(rate: Decimal, name: string): void {
  if (rate.lte(-1)) {
    throw new CalcError("num", `the ${name} must be greater than -100%, got ${rate.toString()}`);
  }
}

/** Σ flows[t] × factor^t, t from 0 (Horner's scheme). */
function polynomial(flows: readonly Decimal[], factor: Decimal): Decimal {
  let acc = ZERO;
  for (let t = flows.length - 1; t >= 0; t--) acc = acc.times(factor).plus(flows[t]);
  return acc;
}

/** 1 / (1 + rate), the one-period discount factor; #DIV/0! at -100%, as Excel's NPV. */
export function discountFactor(rate: Decimal): Decimal {
  const growth = ONE.plus(rate);
  if (growth.isZero()) {
    throw new CalcError("div0", "a rate of -100% makes every discount factor a division by zero");
  }
  return ONE.div(growth);
}

/** Excel NPV: Σ flows[t-1] / (1+rate)^t for t = 1..n (the first flow is already discounted one period). */
export function npv(rate: Decimal, flows: readonly Decimal[]): Decimal {
  if (flows.length === 0) throw new CalcError("value", "NPV needs at least one cash flow");
  const factor = discountFactor(rate);
  return polynomial(flows, factor).times(factor);
}

/** Σ flows[t] / (1+rate)^t for t from 0: period 0 stays undiscounted. */
export function presentValueFromZero(rate: Decimal, flows: readonly Decimal[]): Decimal {
  if (flows.length === 0) throw new CalcError("value", "at least one cash flow is needed");
  if (flows.length === 1) return flows[0];
  return flows[0].plus(npv(rate, flows.slice(1)));
}

export function hasBothSigns(flows: readonly Decimal[]): boolean {
  return flows.some((f) => f.isNegative() && !f.isZero()) && flows.some((f) => f.isPositive() && !f.isZero());
}

/** Net present value at `rate` from period 0, and its derivative with respect to the rate. */
function npvWithSlope(flows: readonly Decimal[], rate: Decimal): { value: Decimal; slope: Decimal } {
  const x = ONE.div(ONE.plus(rate));
  let value = ZERO;
  let dValueDx = ZERO;
  for (let t = flows.length - 1; t >= 0; t--) {
    dValueDx = dValueDx.times(x).plus(value);
    value = value.times(x).plus(flows[t]);
  }
  return { value, slope: dValueDx.times(x).times(x).negated() };
}

function npvAt(flows: readonly Decimal[], rate: Decimal): Decimal {
  return polynomial(flows, ONE.div(ONE.plus(rate)));
}

/** A net present value as a function of the rate, and its slope: what the rate finder solves. */
export interface RateValuation {
  at(rate: Decimal): Decimal;
  withSlope(rate: Decimal): { value: Decimal; slope: Decimal };
  /**
   * The values at the growth factors (1 + rate) centre × step^k and centre / step^k, k = 1, 2, …,
   * one more on each call of up and of down; by `at` unless the valuation has a quicker way.
   */
  walk?(centre: Decimal, step: Decimal): { up(): Decimal; down(): Decimal };
}

function walkByRate(valuation: RateValuation, centre: Decimal, step: Decimal) {
  let [up, down] = [centre, centre];
  return {
    up: () => valuation.at((up = up.times(step)).minus(1)),
    down: () => valuation.at((down = down.div(step)).minus(1)),
  };
}

/** Newton's method from `start`; null when it leaves the rates above -100% or does not settle. */
function newtonRoot(valuation: RateValuation, start: Decimal): Decimal | null {
  let rate = start;
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    const { value, slope } = valuation.withSlope(rate);
    if (value.isZero()) return rate;
    if (slope.isZero()) return null;
    const next = rate.minus(value.div(slope));
    if (next.lte(-1)) return null;
    const settled = next
      .minus(rate)
      .abs()
      .lte(RATE_TOLERANCE.times(ONE.plus(next.abs())));
    if (settled) return next;
    rate = next;
  }
  return null;
}

/**
 * The sign change of the NPV closest to the guess, searching outwards on a geometric grid of
 * growth factors 1+rate, so rates near -100% and very large rates are both reachable.
 */
function bracketNearGuess(valuation: RateValuation, guess: Decimal): [Decimal, Decimal] | null {
  const centre = ONE.plus(guess);
  let up = centre;
  let down = centre;
  let valueUp = valuation.at(up.minus(1));
  let valueDown = valueUp;
  const grid = valuation.walk?.(centre, BRACKET_STEP) ?? walkByRate(valuation, centre, BRACKET_STEP);
  for (let step = 0; step < MAX_BRACKET_STEPS; step++) {
    const nextUp = up.times(BRACKET_STEP);
    const nextValueUp = grid.up();
    if (nextValueUp.isZero() || nextValueUp.isNegative() !== valueUp.isNegative()) {
      return [up.minus(1), nextUp.minus(1)];
    }
    const nextDown = down.div(BRACKET_STEP);
    const nextValueDown = grid.down();
    if (nextValueDown.isZero() || nextValueDown.isNegative() !== valueDown.isNegative()) {
      return [nextDown.minus(1), down.minus(1)];
    }
    [up, valueUp, down, valueDown] = [nextUp, nextValueUp, nextDown, nextValueDown];
  }
  return null;
}

function bisectRoot(valuation: RateValuation, low: Decimal, high: Decimal): Decimal {
  let lowNegative = valuation.at(low).isNegative();
  for (let step = 0; step < MAX_BISECTIONS && high.minus(low).gt(RATE_TOLERANCE); step++) {
    const middle = low.plus(high).div(2);
    const value = valuation.at(middle);
    if (value.isZero()) return middle;
    if (value.isNegative() === lowNegative) {
      low = middle;
      lowNegative = value.isNegative();
    } else {
      high = middle;
    }
  }
  return low.plus(high).div(2);
}

/**
 * The rate above -100% where the valuation is zero: Newton's method from the guess, as Excel
 * does; when that fails, the sign change nearest the guess is bisected. Null when there is none.
 */
export function findRate(valuation: RateValuation, guess: Decimal): Decimal | null {
  const newton = newtonRoot(valuation, guess);
  if (newton !== null) return newton;
  const bracket = bracketNearGuess(valuation, guess);
  return bracket === null ? null : bisectRoot(valuation, bracket[0], bracket[1]);
}

/**
 * Excel IRR: the rate where the NPV of the flows (period 0 first) is zero. Newton's method from
 * the guess, as Excel does; when that fails, the sign change nearest the guess is bisected, so
 * the answer is the root Excel finds near the guess rather than an error after 20 steps.
 */
export function irr(flows: readonly Decimal[], guess: Decimal = DEFAULT_IRR_GUESS): Decimal {
  if (!hasBothSigns(flows)) {
    throw new CalcError("num", "IRR needs at least one negative and one positive cash flow");
  }
  requireRateAboveMinusOne(guess, "IRR guess");
  const valuation = {
    at: (rate: Decimal) => npvAt(flows, rate),
    withSlope: (rate: Decimal) => npvWithSlope(flows, rate),
  };
  const rate = findRate(valuation, guess);
  if (rate === null) {
    throw new CalcError("num", "no rate makes the net present value of these cash flows zero");
  }
  return rate;
}

/**
 * Excel MIRR: ((FV of the inflows at the reinvestment rate) / -(PV of the outflows at the finance
 * rate))^(1/(n-1)) - 1. Like Excel, #DIV/0! when the flows lack an inflow or an outflow.
 */
export function mirr(flows: readonly Decimal[], financeRate: Decimal, reinvestRate: Decimal): Decimal {
  if (!hasBothSigns(flows)) {
    throw new CalcError("div0", "MIRR needs at least one negative and one positive cash flow");
  }
  const inflows = flows.map((f) => (f.isPositive() ? f : ZERO));
  const outflows = flows.map((f) => (f.isNegative() ? f : ZERO));
  const periods = flows.length - 1;
  const reinvestDiscount = discountFactor(reinvestRate);
  const futureInflows = polynomial(inflows, reinvestDiscount).div(reinvestDiscount.pow(periods));
  const presentOutflows = polynomial(outflows, discountFactor(financeRate));
  if (presentOutflows.isZero()) {
    throw new CalcError("div0", "the outflows discounted at the finance rate add up to zero");
  }
  const ratio = futureInflows.div(presentOutflows).negated();
  if (ratio.isNegative()) {
    throw new CalcError("num", "MIRR has no real value for these rates (a root of a negative number)");
  }
  return ratio.pow(ONE.div(periods)).minus(1);
}
