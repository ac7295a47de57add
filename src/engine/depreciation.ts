import { Decimal, ONE, ZERO, roundHalfAway } from "./decimal";
import { CalcError } from "./errors";

export type DepreciationMethod = "sl" | "syd" | "ddb" | "db" | "vdb";
export const DEPRECIATION_METHODS: readonly DepreciationMethod[] = ["sl", "syd", "ddb", "db", "vdb"];

const DOUBLE_DECLINING = new Decimal(2);
const FULL_YEAR_MONTHS = new Decimal(12);

function invalid(message: string): never {
  throw new CalcError("num", message);
}

function requirePositiveLife(life: Decimal): void {
  if (life.lte(0)) {
    invalid(
      `life: the asset life must be greater than zero (got ${life.toString()}); enter the number of periods the asset is used, for example 5 years or 60 months`,
    );
  }
}

/** SLN divides by the life: a life of 0 is Excel's #DIV/0!. */
function requireNonZeroLife(life: Decimal): void {
  if (life.isZero()) {
    throw new CalcError(
      "div0",
      "life: straight-line depreciation divides by the asset life, which is 0; enter the number of periods the asset is used, for example 5 years or 60 months",
    );
  }
}

function requireNonNegative(value: Decimal, name: "cost" | "salvage"): void {
  if (value.isNegative()) {
    const what = name === "cost" ? "cost" : "salvage value";
    invalid(`${name}: the ${what} must not be negative (got ${value.toString()}); enter 0 or more`);
  }
}

function requireSalvageWithinCost(cost: Decimal, salvage: Decimal): void {
  if (salvage.gt(cost)) {
    invalid(
      `salvage: the salvage value (${salvage.toString()}) is above the cost (${cost.toString()}); a declining balance cannot rise to it, so enter a salvage value no larger than the cost`,
    );
  }
}

function requirePositiveFactor(factor: Decimal): void {
  if (factor.lte(0)) {
    invalid(
      `factor: the declining-balance factor must be greater than zero (got ${factor.toString()}); use 2 for double declining balance`,
    );
  }
}

function periodOutsideLife(period: Decimal, life: Decimal): never {
  invalid(
    `period: period ${period.toString()} is outside the asset life of ${life.toString()} periods; enter a period above 0 and no later than ${life.toString()}`,
  );
}

/** Excel SLN: (cost - salvage) / life; any cost, salvage and life but 0 give a number, as in Excel. */
export function sln(cost: Decimal, salvage: Decimal, life: Decimal): Decimal {
  requireNonZeroLife(life);
  return cost.minus(salvage).div(life);
}

/** Excel SYD: (cost - salvage) × (life - period + 1) × 2 / (life × (life + 1)). */
export function syd(cost: Decimal, salvage: Decimal, life: Decimal, period: Decimal): Decimal {
  requirePositiveLife(life);
  if (period.lte(0) || period.gt(life)) periodOutsideLife(period, life);
  return cost
    .minus(salvage)
    .times(life.minus(period).plus(1))
    .times(2)
    .div(life.times(life.plus(1)));
}

/**
 * Declining-balance depreciation of one period without argument checks (Excel's DDB formula, also
 * the building block of VDB): the book value falls by factor/life a period, never below salvage.
 */
function decliningBalanceAmount(
  cost: Decimal,
  salvage: Decimal,
  life: Decimal,
  period: Decimal,
  factor: Decimal,
): Decimal {
  const retained = ONE.minus(Decimal.min(factor.div(life), ONE));
  const bookBefore = cost.times(retained.pow(period.minus(1)));
  const bookAfter = Decimal.max(cost.times(retained.pow(period)), salvage);
  return Decimal.max(bookBefore.minus(bookAfter), ZERO);
}

/** Excel DDB: declining balance at factor/life a period (factor 2 = double declining), never below salvage. */
export function ddb(
  cost: Decimal,
  salvage: Decimal,
  life: Decimal,
  period: Decimal,
  factor: Decimal = DOUBLE_DECLINING,
): Decimal {
  requireNonNegative(cost, "cost");
  requireNonNegative(salvage, "salvage");
  requireSalvageWithinCost(cost, salvage);
  requirePositiveLife(life);
  requirePositiveFactor(factor);
  if (period.lt(1) || period.gt(life)) periodOutsideLife(period, life);
  return decliningBalanceAmount(cost, salvage, life, period, factor);
}

/**
 * Excel DB (fixed declining balance) for the whole periods 1..max(count, 1), count ≤ life: the rate
 * 1 - (salvage/cost)^(1/life) rounded to three decimals, the first period pro rata to `month`.
 * Returns the amounts and the depreciation accumulated over them.
 */
function fixedDecliningAmounts(
  cost: Decimal,
  salvage: Decimal,
  life: Decimal,
  month: Decimal,
  count: number,
): { amounts: Decimal[]; rate: Decimal; accumulated: Decimal } {
  const rate = roundHalfAway(ONE.minus(salvage.div(cost).pow(ONE.div(life))), 3);
  const amounts = [cost.times(rate).times(month).div(FULL_YEAR_MONTHS)];
  let accumulated = amounts[0];
  for (let period = 2; period <= count; period++) {
    const amount = cost.minus(accumulated).times(rate);
    amounts.push(amount);
    accumulated = accumulated.plus(amount);
  }
  return { amounts, rate, accumulated };
}

function validateFixedDeclining(cost: Decimal, salvage: Decimal, life: Decimal, month: Decimal): void {
  if (cost.lte(0)) {
    invalid(
      `cost: fixed declining balance needs a cost greater than zero (got ${cost.toString()}); enter what the asset cost`,
    );
  }
  requireNonNegative(salvage, "salvage");
  requireSalvageWithinCost(cost, salvage);
  requirePositiveLife(life);
  if (month.lt(1) || month.gt(12))
    invalid(
      `month: the months in the first year must be 1 to 12 (got ${month.toString()}); use 12 for a full year`,
    );
}

/**
 * Excel DB. With fewer than 12 months in the first year the asset has a period life + 1 holding
 * the remaining months; with a full first year, a period beyond the life is #NUM! as in Excel.
 * Fractional periods and months are truncated.
 */
export function db(
  cost: Decimal,
  salvage: Decimal,
  life: Decimal,
  period: Decimal,
  month: Decimal = FULL_YEAR_MONTHS,
): Decimal {
  const months = month.floor();
  validateFixedDeclining(cost, salvage, life, months);
  const lastPeriod = months.eq(FULL_YEAR_MONTHS) ? life : life.plus(1);
  if (period.lt(1) || period.gt(lastPeriod)) periodOutsideLife(period, lastPeriod);
  const wholePeriods = Decimal.min(period, life).floor().toNumber();
  const { amounts, rate, accumulated } = fixedDecliningAmounts(cost, salvage, life, months, wholePeriods);
  // Any period below 2 is the first one, as Excel truncates the period.
  if (period.lt(2) || period.lte(life)) return amounts[amounts.length - 1];
  return cost.minus(accumulated).times(rate).times(FULL_YEAR_MONTHS.minus(months)).div(FULL_YEAR_MONTHS);
}

/**
 * Depreciation of each whole period 1..count under VDB's rule: declining balance, switching to
 * straight line over the remaining life as soon as that gives more (unless noSwitch).
 */
function variableDecliningAmounts(
  cost: Decimal,
  salvage: Decimal,
  life: Decimal,
  factor: Decimal,
  noSwitch: boolean,
  count: number,
): Decimal[] {
  const amounts: Decimal[] = [];
  let undepreciated = cost.minus(salvage);
  let straightLine: Decimal | null = null;
  for (let period = 1; period <= count; period++) {
    if (straightLine === null) {
      const declining = decliningBalanceAmount(cost, salvage, life, new Decimal(period), factor);
      const remainingLifeShare = undepreciated.div(life.minus(period - 1));
      if (noSwitch || !remainingLifeShare.gt(declining)) {
        amounts.push(declining);
        undepreciated = undepreciated.minus(declining);
        continue;
      }
      straightLine = remainingLifeShare;
    }
    amounts.push(straightLine);
  }
  return amounts;
}

/** Depreciation from time 0 to `time`, spread evenly within each period. */
function accumulatedAt(amounts: readonly Decimal[], time: Decimal): Decimal {
  const whole = time.floor().toNumber();
  let total = ZERO;
  for (let i = 0; i < whole; i++) total = total.plus(amounts[i]);
  const fraction = time.minus(whole);
  return fraction.isZero() ? total : total.plus(amounts[whole].times(fraction));
}

function validateVariableDeclining(cost: Decimal, salvage: Decimal, life: Decimal, factor: Decimal): void {
  requireNonNegative(cost, "cost");
  requireNonNegative(salvage, "salvage");
  requireSalvageWithinCost(cost, salvage);
  requirePositiveLife(life);
  requirePositiveFactor(factor);
}

/**
 * Excel VDB: depreciation between startPeriod and endPeriod (0 = the start of the life) by
 * declining balance switching to straight line; partial periods count pro rata.
 */
export function vdb(
  cost: Decimal,
  salvage: Decimal,
  life: Decimal,
  startPeriod: Decimal,
  endPeriod: Decimal,
  factor: Decimal = DOUBLE_DECLINING,
  noSwitch = false,
): Decimal {
  validateVariableDeclining(cost, salvage, life, factor);
  if (startPeriod.isNegative() || endPeriod.lt(startPeriod) || endPeriod.gt(life)) {
    invalid(
      `period: the periods ${startPeriod.toString()} to ${endPeriod.toString()} must run forwards within the asset life of ${life.toString()} periods; enter a start from 0 and an end no earlier than the start and no later than ${life.toString()}`,
    );
  }
  const amounts = variableDecliningAmounts(
    cost,
    salvage,
    life,
    factor,
    noSwitch,
    endPeriod.ceil().toNumber(),
  );
  return accumulatedAt(amounts, endPeriod).minus(accumulatedAt(amounts, startPeriod));
}

function requireWholeLife(life: Decimal): number {
  if (!life.isInteger()) {
    invalid(
      `life: a schedule needs a whole number of periods (got ${life.toString()}); enter for example 5 years or 60 months, or give a period to get one period of this life`,
    );
  }
  return life.toNumber();
}

/**
 * The life each method's Excel function accepts: SLN divides by it (0 is #DIV/0!); the others,
 * and a period of any method, need it above zero (#NUM!).
 */
function requireUsableLife(method: DepreciationMethod, life: Decimal): void {
  if (method === "sl") requireNonZeroLife(life);
  requirePositiveLife(life);
}

/**
 * Depreciation of one period (1-based) by the method's Excel function: sl = SLN, syd = SYD,
 * ddb = DDB with factor 2, db = DB with 12 months in the first year, vdb = VDB(period-1, period).
 * The life is checked first (so a life of 0 is SLN's #DIV/0!), then the period: a whole number from 1
 * to the life rounded up; each method checks the rest as Excel does.
 */
export function depreciation(
  method: DepreciationMethod,
  cost: Decimal,
  salvage: Decimal,
  life: Decimal,
  period: number,
): Decimal {
  requireUsableLife(method, life);
  // One period of a fractional life is as Excel computes it; only a schedule needs whole periods.
  const lastPeriod = life.ceil();
  if (!Number.isInteger(period) || period < 1 || lastPeriod.lt(period)) {
    invalid(
      `period: must be a whole number from 1 to ${lastPeriod.toString()}, the periods of the asset life (got ${period})`,
    );
  }
  const p = new Decimal(period);
  switch (method) {
    case "sl":
      return sln(cost, salvage, life);
    case "syd":
      return syd(cost, salvage, life, p);
    case "ddb":
      return ddb(cost, salvage, life, p);
    case "db":
      return db(cost, salvage, life, p);
    case "vdb":
      return vdb(cost, salvage, life, p.minus(1), p);
  }
}

/**
 * The whole schedule: one amount per period 1..life for every method (the life must be a whole
 * number). DB with a full first year has exactly `life` periods, so no period life + 1 appears.
 * Each amount equals depreciation(method, ..., period).
 */
export function depreciationSchedule(
  method: DepreciationMethod,
  cost: Decimal,
  salvage: Decimal,
  life: Decimal,
): Decimal[] {
  requireUsableLife(method, life);
  const periods = requireWholeLife(life);
  if (method === "db") {
    validateFixedDeclining(cost, salvage, life, FULL_YEAR_MONTHS);
    return fixedDecliningAmounts(cost, salvage, life, FULL_YEAR_MONTHS, periods).amounts;
  }
  if (method === "vdb") {
    validateVariableDeclining(cost, salvage, life, DOUBLE_DECLINING);
    return variableDecliningAmounts(cost, salvage, life, DOUBLE_DECLINING, false, periods);
  }
  return Array.from({ length: periods }, (_, i) => depreciation(method, cost, salvage, life, i + 1));
}
