/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands any value; the readers validate it. */
import {
  ALLOCATION_METHODS,
  MAX_DECIMALS,
  allocateNumbers,
  reciprocal,
  stepDown,
} from "../engine/allocation";
import { type Decimal, ZERO, sum } from "../engine/decimal";
import { DEPRECIATION_METHODS, depreciation, depreciationSchedule } from "../engine/depreciation";
import { CalcError } from "../engine/errors";
import { ROI_METRICS, roi, roiAll, type RoiMetric } from "../engine/roi";
import { RUN_RATE_METHODS, runRate } from "../engine/runrate";
import { TCO_METRICS, TCO_SCHEDULE_HEADER, tco, tcoSchedule, type TcoInput } from "../engine/tco";
import {
  readChoice,
  readInteger,
  readNumber,
  readNumberList,
  readNumberMatrix,
  isBlank,
  shapeOf,
  toExcelMatrix,
  toExcelNumber,
} from "./arguments";
import { withCellErrors } from "./cell-errors";
import { excelError, excelFormula } from "./excel-errors";

const EXCEL_ROWS = 1_048_576;

/**
 * Splits an amount in proportion to drivers, exact to the cent: the result always adds up to ROUND(amount, decimals).
 * @customfunction ALLOCATE
 * @requiresAddress
 * @param amount Amount to allocate; a column of amounts is allocated row by row over the rows of drivers.
 * @param drivers Driver quantities (any shape); blank cells count as 0.
 * @param [decimals] Decimal places of each share (default 2).
 * @param [method] "largest" (largest remainder, default), "plug" (difference on the largest share) or "none" (no rounding).
 * @param invocation The calling cell, which Excel passes.
 * @returns The shares, in the shape of drivers.
 */
export function allocateFormula(
  amount: any[][],
  drivers: any[][],
  decimals?: any,
  method?: any,
  invocation?: CustomFunctions.Invocation,
): number[][] {
  return excelFormula(() =>
    withCellErrors(invocation?.address, () => {
      const places = readInteger("decimals", decimals, { min: 0, max: MAX_DECIMALS, fallback: 2 });
      const how = readChoice("method", method, ALLOCATION_METHODS, "largest");
      const driverShape = shapeOf(drivers);
      if (driverShape.rows === 0 || driverShape.columns === 0) {
        throw new CalcError("div0", "drivers: the range is empty, nothing to allocate by");
      }
      const amountShape = shapeOf(amount);
      const single = amountShape.rows === 1 && amountShape.columns === 1;
      if (!single && (amountShape.columns !== 1 || amountShape.rows !== driverShape.rows)) {
        throw new CalcError(
          "value",
          `amount: a range of amounts must be one column with one row per row of drivers (${driverShape.rows}), got ${amountShape.rows}×${amountShape.columns}`,
        );
      }
      const shares = allocateNumbers(amountNumbers(amount, single), driverNumbers(drivers), places, how);
      return inRows(shares, drivers[0].length);
    }),
  );
}

/** A finite number, or 0 for a blank; any other cell is left to the argument's reader, which names it. */
function cellNumber(cell: unknown, read: () => unknown): number {
  if (typeof cell === "number" && Number.isFinite(cell)) return cell;
  if (isBlank(cell)) return 0;
  read();
  throw new CalcError("value", "the cell does not hold a number");
}

/** The amount, or the column of amounts, as numbers (blank as 0). */
function amountNumbers(amount: any, single: boolean): number[] {
  if (single) {
    const cell = Array.isArray(amount) && Array.isArray(amount[0]) ? amount[0][0] : amount;
    return [cellNumber(cell, () => readNumber("amount", amount))];
  }
  const read = () => readNumberList("amount", amount);
  return amount.map((row: any) => cellNumber(Array.isArray(row) ? row[0] : row, read));
}

/** The driver cells in reading order, blanks as 0. */
function driverNumbers(rows: readonly (readonly any[])[]): Float64Array {
  const width = rows[0].length;
  const numbers = new Float64Array(rows.length * width);
  const read = () => readNumberMatrix("drivers", rows);
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < width; c++) numbers[r * width + c] = cellNumber(rows[r][c], read);
  }
  return numbers;
}

function inRows(values: Float64Array, width: number): number[][] {
  const rows = new Array<number[]>(values.length / width);
  for (let r = 0; r < rows.length; r++) {
    const row = (rows[r] = new Array<number>(width));
    for (let c = 0; c < width; c++) row[c] = values[r * width + c];
  }
  return rows;
}

/** STEPDOWN and RECIPROCAL: the same inputs and result shape, by one of the two allocation methods. */
function supportDepartmentFormula(
  method: typeof stepDown,
  costs: any[][],
  usage: any[][],
  decimals: any,
  invocation: CustomFunctions.Invocation | undefined,
): number[][] {
  return excelFormula(() =>
    withCellErrors(invocation?.address, () => {
      const places = readInteger("decimals", decimals, { min: 0, max: MAX_DECIMALS, fallback: 2 });
      const costShape = shapeOf(costs);
      if (costShape.rows !== 1 && costShape.columns !== 1) {
        throw new CalcError(
          "value",
          `costs: must be one column (one cost per support department), got ${costShape.rows}×${costShape.columns}`,
        );
      }
      return toExcelMatrix(method(readNumberList("costs", costs), readNumberMatrix("usage", usage), places));
    }),
  );
}

/**
 * Step-down (sequential) allocation of support departments to operating departments.
 * @customfunction STEPDOWN
 * @requiresAddress
 * @param costs Costs of the k support departments, one column in step order.
 * @param usage k rows × (k + p) columns: each department's driver quantities used by the k support departments, then by the p operating departments.
 * @param [decimals] Decimal places (default 2).
 * @param invocation The calling cell, which Excel passes.
 * @returns k × p: what each support department passes to each operating department.
 */
export function stepDownFormula(
  costs: any[][],
  usage: any[][],
  decimals?: any,
  invocation?: CustomFunctions.Invocation,
): number[][] {
  return supportDepartmentFormula(stepDown, costs, usage, decimals, invocation);
}

/**
 * Reciprocal (simultaneous equations) allocation of support departments to operating departments.
 * @customfunction RECIPROCAL
 * @requiresAddress
 * @param costs Costs of the k support departments, one column.
 * @param usage k rows × (k + p) columns: each department's driver quantities used by the k support departments, then by the p operating departments.
 * @param [decimals] Decimal places (default 2).
 * @param invocation The calling cell, which Excel passes.
 * @returns k × p: what each support department passes to each operating department.
 */
export function reciprocalFormula(
  costs: any[][],
  usage: any[][],
  decimals?: any,
  invocation?: CustomFunctions.Invocation,
): number[][] {
  return supportDepartmentFormula(reciprocal, costs, usage, decimals, invocation);
}

function readTcoInput(
  upfront: any[][],
  recurring: any[][],
  years: any,
  rate: any,
  escalation: any,
  endOfLife: any,
): TcoInput {
  const recurringShape = shapeOf(recurring);
  const perYear = recurringShape.rows * recurringShape.columns > 1;
  const yearCount =
    years === null || years === undefined || years === ""
      ? undefined
      : readInteger("years", years, { min: 0, max: 1000 });
  const recurringAmounts = perYear
    ? readNumberList("recurring", recurring)
    : readNumber("recurring", recurring, ZERO);
  if (perYear && yearCount !== undefined && yearCount !== (recurringAmounts as Decimal[]).length) {
    throw new CalcError(
      "value",
      `years: ${yearCount} does not match the ${(recurringAmounts as Decimal[]).length} yearly amounts in recurring (leave years blank)`,
    );
  }
  return {
    upfront: sum(readNumberList("upfront", upfront)),
    recurring: recurringAmounts,
    years: yearCount,
    rate: readNumber("rate", rate, ZERO),
    escalation: readNumber("escalation", escalation, ZERO),
    endOfLife: readNumber("end_of_life", endOfLife, ZERO),
  };
}

/**
 * Total cost of ownership: upfront in year 0, recurring costs for years 1..years, end-of-life cost at the end.
 * @customfunction TCO
 * @requiresAddress
 * @param upfront Upfront cost in year 0 (a number or a range, summed).
 * @param recurring Yearly recurring cost, or a range with one amount per year.
 * @param [years] Number of years (may be blank when recurring is a range).
 * @param [rate] Discount rate per year (default 0).
 * @param [escalation] Yearly growth of a single recurring amount (default 0).
 * @param [end_of_life] Net disposal cost at the end of the last year; negative for residual value recovered (default 0).
 * @param [metric] "total" (default), "pv", "annual" or "schedule".
 * @param invocation The calling cell, which Excel passes.
 * @returns The metric, or the yearly schedule with a header row.
 */
export function tcoFormula(
  upfront: any[][],
  recurring: any[][],
  years?: any,
  rate?: any,
  escalation?: any,
  end_of_life?: any,
  metric?: any,
  invocation?: CustomFunctions.Invocation,
): any[][] {
  return excelFormula(() =>
    withCellErrors(invocation?.address, () => {
      const which = readChoice("metric", metric, TCO_METRICS, "total");
      const input = readTcoInput(upfront, recurring, years, rate, escalation, end_of_life);
      if (which === "schedule") return [[...TCO_SCHEDULE_HEADER], ...toExcelMatrix(tcoSchedule(input))];
      return [[toExcelNumber(tco(input, which))]];
    }),
  );
}

/**
 * Business-case metrics of per-period costs and benefits (period 0 first, undiscounted).
 * @customfunction ROI
 * @requiresAddress
 * @param costs Costs per period; blank cells count as 0.
 * @param benefits Benefits per period, as many as costs.
 * @param [rate] Discount rate per period (default 0).
 * @param [metric] "roi" (default), "npv", "irr", "mirr", "payback", "dpayback", "bcr" or "all".
 * @param [reinvest_rate] Reinvestment rate for "mirr" (default: rate).
 * @param invocation The calling cell, which Excel passes.
 * @returns The metric, or a two-column table of every metric for "all".
 */
export function roiFormula(
  costs: any[][],
  benefits: any[][],
  rate?: any,
  metric?: any,
  reinvest_rate?: any,
  invocation?: CustomFunctions.Invocation,
): any[][] {
  return excelFormula(() =>
    withCellErrors(invocation?.address, () => {
      const which = readChoice<RoiMetric | "all">("metric", metric, [...ROI_METRICS, "all"], "roi");
      const costList = readNumberList("costs", costs);
      const benefitList = readNumberList("benefits", benefits);
      if (costList.length !== benefitList.length) {
        throw new CalcError(
          "value",
          `benefits: ${benefitList.length} periods, but costs has ${costList.length}; give one benefit per cost period`,
        );
      }
      const discount = readNumber("rate", rate, ZERO);
      const reinvest = readNumber("reinvest_rate", reinvest_rate, discount);
      if (which === "all") {
        return roiAll(costList, benefitList, discount, reinvest).map(([name, value]) => [
          name,
          value instanceof CalcError ? excelError(value.kind, value.message) : toExcelNumber(value),
        ]);
      }
      return [[toExcelNumber(roi(costList, benefitList, discount, which, reinvest))]];
    }),
  );
}

/**
 * Depreciation for one period, or the whole schedule when period is blank (agrees with Excel's SLN, SYD, DDB, DB, VDB).
 * @customfunction DEPRECIATION
 * @requiresAddress
 * @param cost Initial cost of the asset.
 * @param salvage Value at the end of its life.
 * @param life Number of periods of its useful life.
 * @param [method] "sl" (default), "syd", "ddb", "db" or "vdb".
 * @param [period] Period (1-based); blank for the whole schedule as a column.
 * @param invocation The calling cell, which Excel passes.
 * @returns The depreciation of the period, or the schedule.
 */
export function depreciationFormula(
  cost: any,
  salvage: any,
  life: any,
  method?: any,
  period?: any,
  invocation?: CustomFunctions.Invocation,
): number[][] {
  return excelFormula(() =>
    withCellErrors(invocation?.address, () => {
      const how = readChoice("method", method, DEPRECIATION_METHODS, "sl");
      const costValue = readNumber("cost", cost);
      const salvageValue = readNumber("salvage", salvage);
      const lifeValue = readNumber("life", life);
      if (period === null || period === undefined || period === "") {
        if (lifeValue.gt(EXCEL_ROWS)) {
          throw new CalcError(
            "num",
            `life: a schedule of ${lifeValue} periods does not fit in Excel's ${EXCEL_ROWS} rows`,
          );
        }
        return depreciationSchedule(how, costValue, salvageValue, lifeValue).map((value) => [
          toExcelNumber(value),
        ]);
      }
      const which = readInteger("period", period, { min: 1, max: 100000 });
      return [[toExcelNumber(depreciation(how, costValue, salvageValue, lifeValue, which))]];
    }),
  );
}

/**
 * Full-year (or full-horizon) forecast from year-to-date actuals.
 * @customfunction RUNRATE
 * @requiresAddress
 * @param actuals Actuals so far, one per period; blank cells after the last actual are months not reported yet.
 * @param periods_total Number of periods in the horizon (e.g. 12).
 * @param [method] "average" (default), "last" or "trend".
 * @param invocation The calling cell, which Excel passes.
 * @returns The forecast total for the horizon.
 */
export function runRateFormula(
  actuals: any[][],
  periods_total: any,
  method?: any,
  invocation?: CustomFunctions.Invocation,
): number {
  return excelFormula(() =>
    withCellErrors(invocation?.address, () => {
      const how = readChoice("method", method, RUN_RATE_METHODS, "average");
      const values = readNumberList("actuals", actuals, "skip-trailing");
      if (values.length === 0) throw new CalcError("div0", "actuals: no actuals yet, nothing to extrapolate");
      const total = readInteger("periods_total", periods_total, { min: 1, max: 100000 });
      return toExcelNumber(runRate(values, total, how));
    }),
  );
}
