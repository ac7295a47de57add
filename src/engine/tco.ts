import { Decimal, ONE, ZERO, sum } from "./decimal";
import { CalcError } from "./errors";
import { discountFactor, requireRateAboveMinusOne } from "./tvm";

export type TcoMetric = "total" | "pv" | "annual" | "schedule";
export const TCO_METRICS: readonly TcoMetric[] = ["total", "pv", "annual", "schedule"];

export interface TcoInput {
  /** Falls in year 0. */
  upfront: Decimal;
  /** One yearly amount for years 1..years, escalated; or one amount per year, taken as given. */
  recurring: Decimal | readonly Decimal[];
  years?: number;
  /** Discount rate; year 0 is not discounted. */
  rate: Decimal;
  /** Yearly growth of a single recurring amount: year t pays recurring × (1+escalation)^(t-1). */
  escalation: Decimal;
  /** Net disposal cost at the end of the last year; negative for a residual value recovered. */
  endOfLife: Decimal;
}

export const TCO_SCHEDULE_HEADER: readonly string[] = [
  "Year",
  "Upfront",
  "Recurring",
  "EndOfLife",
  "Total",
  "Discounted",
  "CumulativePV",
];

const CUMULATIVE_PV_COLUMN = 6;

function yearlyRecurring(input: TcoInput): Decimal[] {
  const { recurring, years, escalation } = input;
  if (years !== undefined && (!Number.isInteger(years) || years < 0)) {
    throw new CalcError("num", `years must be a whole number of years, zero or more, got ${years}`);
  }
  if (recurring instanceof Decimal) {
    if (years === undefined) {
      throw new CalcError("value", "years is needed when recurring is a single yearly amount");
    }
    requireRateAboveMinusOne(escalation, "escalation");
    const growth = ONE.plus(escalation);
    const amounts: Decimal[] = [];
    for (let year = 1; year <= years; year++) {
      amounts.push(year === 1 ? recurring : amounts[year - 2].times(growth));
    }
    return amounts;
  }
  if (years !== undefined && years !== recurring.length) {
    throw new CalcError(
      "value",
      `years (${years}) does not match the ${recurring.length} yearly recurring amounts given`,
    );
  }
  if (!escalation.isZero()) {
    throw new CalcError(
      "value",
      "escalation applies to a single yearly amount; with one amount per year, enter the escalated amounts",
    );
  }
  return [...recurring];
}

/**
 * The TCO table, one row per year 0..years (no header): Year, Upfront, Recurring, EndOfLife,
 * Total, Discounted (Total / (1+rate)^year) and CumulativePV.
 */
export function tcoSchedule(input: TcoInput): Decimal[][] {
  const recurring = yearlyRecurring(input);
  const lastYear = recurring.length;
  const discountStep = discountFactor(input.rate);
  const rows: Decimal[][] = [];
  let discount = ONE;
  let cumulative = ZERO;
  for (let year = 0; year <= lastYear; year++) {
    const upfront = year === 0 ? input.upfront : ZERO;
    const yearRecurring = year === 0 ? ZERO : recurring[year - 1];
    const endOfLife = year === lastYear ? input.endOfLife : ZERO;
    const total = sum([upfront, yearRecurring, endOfLife]);
    const discounted = total.times(discount);
    cumulative = cumulative.plus(discounted);
    rows.push([new Decimal(year), upfront, yearRecurring, endOfLife, total, discounted, cumulative]);
    discount = discount.times(discountStep);
  }
  return rows;
}

/**
 * total: nominal sum; pv: discounted at rate (year 0 undiscounted); annual: the equivalent annual
 * cost pv × rate / (1 - (1+rate)^-years), or pv / years at rate 0.
 */
export function tco(input: TcoInput, metric: Exclude<TcoMetric, "schedule">): Decimal {
  // The nominal total does not discount, so no discount rate can make it fail.
  if (metric === "total") return sum([input.upfront, ...yearlyRecurring(input), input.endOfLife]);
  const rows = tcoSchedule(input);
  const presentValue = rows[rows.length - 1][CUMULATIVE_PV_COLUMN];
  switch (metric) {
    case "pv":
      return presentValue;
    case "annual":
      return equivalentAnnualCost(presentValue, input.rate, rows.length - 1);
  }
}

function equivalentAnnualCost(presentValue: Decimal, rate: Decimal, years: number): Decimal {
  if (years === 0) {
    throw new CalcError("div0", "an equivalent annual cost needs at least one year");
  }
  if (rate.isZero()) return presentValue.div(years);
  return presentValue.times(rate).div(ONE.minus(ONE.plus(rate).pow(-years)));
}
