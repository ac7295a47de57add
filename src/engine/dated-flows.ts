import { Decimal, ONE, ZERO, sum } from "./decimal";
import { CalcError } from "./errors";
import {
  DEFAULT_IRR_GUESS,
  findRate,
  hasBothSigns,
  requireRateAboveMinusOne,
  type RateValuation,
} from "./tvm";

/**
 * Cash flows on dates, as Excel's XNPV and XIRR take them: each flow is discounted by
 * (1 + rate)^((d_i - d_0) / 365), d_0 being the FIRST date given (not the earliest).
 */

/** A date as Excel holds it: a day serial (1 = 1900-01-01), a time of day in its fraction. */
export type DateSerial = Decimal | number;

/** Excel's last date, 9999-12-31. */
export const LAST_DATE_SERIAL = 2958465;
export const DAYS_PER_YEAR = 365;
/** Excel's day 0 is 1899-12-30 once its phantom 1900-02-29 (serial 60) is behind. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** A whole-day serial as a controller reads it: 2008-01-01. */
function dateText(serial: number): string {
  if (serial === 60) return "1900-02-29";
  const days = serial < 60 ? serial + 1 : serial;
  return new Date(EXCEL_EPOCH_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** A date serial truncated to its whole day, as Excel does; #VALUE! when it is no date Excel knows. */
function wholeDay(date: DateSerial, index: number): number {
  const where = `the ${ordinal(index + 1)} date`;
  if (typeof date === "number" && !Number.isFinite(date)) {
    throw new CalcError("value", `${where} is not a finite number, so it is not a date`);
  }
  const serial = new Decimal(typeof date === "number" ? String(date) : date);
  const day = serial.trunc();
  if (day.isNegative() || day.gt(LAST_DATE_SERIAL)) {
    throw new CalcError(
      "value",
      `${where} (${serial.toString()}) is not a date: Excel dates are day numbers from 0 to ${LAST_DATE_SERIAL} (9999-12-31)`,
    );
  }
  return day.toNumber();
}

/**
 * Days from the first date to each date, as XNPV and XIRR count them: whole days, the first date
 * being day 0. #NUM! when the counts differ or a date falls before the first (as in Excel),
 * #VALUE! for a number that is no date.
 */
export function dayOffsets(dates: readonly DateSerial[], flowCount: number): number[] {
  if (dates.length !== flowCount) {
    throw new CalcError(
      "num",
      `${dates.length} dates for ${flowCount} cash flows: give one date per cash flow`,
    );
  }
  const days = dates.map(wholeDay);
  const first = days[0];
  const early = days.findIndex((day) => day < first);
  if (early >= 0) {
    throw new CalcError(
      "num",
      `the ${ordinal(early + 1)} date, ${dateText(days[early])}, is before the first date, ${dateText(first)}: put the earliest date first`,
    );
  }
  return days.map((day) => day - first);
}

function yearsOf(days: readonly number[]): Decimal[] {
  return days.map((day) => new Decimal(day).div(DAYS_PER_YEAR));
}

/** (1 + rate)^-t for each t: by powers for whole years, else by one logarithm shared by all. */
function discountFactors(growth: Decimal, years: readonly Decimal[]): Decimal[] {
  const logGrowth = growth.ln();
  return years.map((t) => (t.isInteger() ? ONE.div(growth.pow(t)) : t.times(logGrowth).negated().exp()));
}

/** Each flow discounted by date: flow / (1 + rate)^(days / 365). #NUM! at a rate of -100% or below. */
export function discountedByDate(
  rate: Decimal,
  flows: readonly Decimal[],
  days: readonly number[],
): Decimal[] {
  requireRateAboveMinusOne(rate, "discount rate");
  return discountedByYears(ONE.plus(rate), flows, yearsOf(days));
}

function discountedByYears(growth: Decimal, flows: readonly Decimal[], years: readonly Decimal[]): Decimal[] {
  return discountFactors(growth, years).map((factor, i) => flows[i].times(factor));
}

/** Σ flow / (1 + rate)^(days / 365) for day offsets from the first date. */
export function presentValueByDate(
  rate: Decimal,
  flows: readonly Decimal[],
  days: readonly number[],
): Decimal {
  return sum(discountedByDate(rate, flows, days));
}

function datedValuation(flows: readonly Decimal[], days: readonly number[]): RateValuation {
  const years = yearsOf(days);
  return {
    at: (rate) => sum(discountedByYears(ONE.plus(rate), flows, years)),
    withSlope: (rate) => {
      const growth = ONE.plus(rate);
      let value = ZERO;
      let weighted = ZERO;
      discountedByYears(growth, flows, years).forEach((term, i) => {
        value = value.plus(term);
        weighted = weighted.plus(term.times(years[i]));
      });
      // d/dr of P (1 + r)^-t is -t P (1 + r)^-t / (1 + r)
      return { value, slope: weighted.div(growth).negated() };
    },
    // Each step of the grid multiplies every discounted flow by step^-t: no logarithms on the way.
    walk: (centre, step) => {
      const start = discountedByYears(centre, flows, years);
      const stepUp = discountFactors(step, years);
      const stepDown = stepUp.map((factor) => ONE.div(factor));
      let [up, down] = [start, start];
      return {
        up: () => sum((up = up.map((term, i) => term.times(stepUp[i])))),
        down: () => sum((down = down.map((term, i) => term.times(stepDown[i])))),
      };
    },
  };
}

/** The rate where the dated flows are worth zero (XIRR on day offsets); #NUM! when there is none. */
export function rateByDate(
  flows: readonly Decimal[],
  days: readonly number[],
  guess: Decimal = DEFAULT_IRR_GUESS,
): Decimal {
  if (!hasBothSigns(flows)) {
    throw new CalcError("num", "XIRR needs at least one negative and one positive cash flow");
  }
  if (days.every((day) => day === 0)) {
    throw new CalcError("num", "every cash flow falls on the first date, so no rate discounts them to zero");
  }
  requireRateAboveMinusOne(guess, "XIRR guess");
  const rate = findRate(datedValuation(flows, days), guess);
  if (rate === null) {
    throw new CalcError("num", "no rate makes the net present value of these dated cash flows zero");
  }
  return rate;
}

/** Excel XNPV: Σ flows_i / (1 + rate)^((d_i - d_0) / 365); the first flow is not discounted. */
export function xnpv(rate: Decimal, flows: readonly Decimal[], dates: readonly DateSerial[]): Decimal {
  if (flows.length === 0) throw new CalcError("num", "XNPV needs at least one cash flow");
  return presentValueByDate(rate, flows, dayOffsets(dates, flows.length));
}

/**
 * Excel XIRR: the yearly rate where XNPV is zero. Newton's method from the guess, as Excel does;
 * when that fails, the sign change nearest the guess is bisected (as IRR does here).
 */
export function xirr(
  flows: readonly Decimal[],
  dates: readonly DateSerial[],
  guess: Decimal = DEFAULT_IRR_GUESS,
): Decimal {
  if (flows.length === 0) throw new CalcError("num", "XIRR needs at least one cash flow");
  return rateByDate(flows, dayOffsets(dates, flows.length), guess);
}

/** The flows in date order, those on one day added together: what a cumulative total runs over. */
export function inDateOrder(
  flows: readonly Decimal[],
  days: readonly number[],
): { flows: Decimal[]; days: number[] } {
  const totals = new Map<number, Decimal>();
  days.forEach((day, i) => totals.set(day, (totals.get(day) ?? ZERO).plus(flows[i])));
  const ordered = [...totals.keys()].sort((a, b) => a - b);
  return { flows: ordered.map((day) => totals.get(day)!), days: ordered };
}
