/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands any value; the readers validate it. */
// The business-case formulas TCO, ROI and DEPRECIATION, and the RUNRATE forecast (the allocation
// formulas are in local.ts, the cost-model ones in remote.ts).
import { DEPRECIATION, ROI, RUNRATE, TCO } from "../contract/formulas";
import { Decimal, ZERO, sum } from "../engine/decimal";
import { depreciation, depreciationSchedule } from "../engine/depreciation";
import { CalcError } from "../engine/errors";
import { roi, roiAll } from "../engine/roi";
import { runRate } from "../engine/runrate";
import { TCO_SCHEDULE_HEADER, tco, tcoSchedule, type TcoInput } from "../engine/tco";
import { readNumber, readNumberList, shapeOf, toExcelMatrix, toExcelNumber } from "./arguments";
import { withCellErrors } from "./cell-errors";
import { excelError, excelFormula } from "./excel-errors";
import { readArguments } from "./read-arguments";
import { roiInDoublesOfCells, tcoInDoublesOfCells } from "./in-doubles";

/** Excel's rows: a depreciation schedule must fit in them. */
const EXCEL_ROWS = 1_048_576;

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
  const { years: yearCount } = readArguments(TCO, { years });
  const recurringAmounts = perYear
    ? readNumberList("recurring", recurring)
    : readNumber("recurring", recurring, ZERO);
  if (perYear && yearCount !== undefined && yearCount !== (recurringAmounts as Decimal[]).length) {
    throw new CalcError(
      "value",
      `years: ${yearCount} does not match the ${(recurringAmounts as Decimal[]).length} yearly amounts in recurring (leave years blank)`,
    );
  }
  const rest = readArguments(TCO, { upfront, rate, escalation, end_of_life: endOfLife });
  return {
    upfront: sum(rest.upfront),
    recurring: recurringAmounts,
    years: yearCount,
    rate: rest.rate,
    escalation: rest.escalation,
    endOfLife: rest.end_of_life,
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
      const inDoubles = tcoInDoublesOfCells(upfront, recurring, years, rate, escalation, end_of_life, metric);
      if (inDoubles !== undefined) return [[inDoubles]];
      const { metric: which } = readArguments(TCO, { metric });
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
 * @param [dates] Date of each period's flow (date cells or serial numbers): npv and irr then follow XNPV and XIRR, paybacks count days.
 * @param invocation The calling cell, which Excel passes.
 * @returns The metric, or a two-column table of every metric for "all".
 */
export function roiFormula(
  costs: any[][],
  benefits: any[][],
  rate?: any,
  metric?: any,
  reinvest_rate?: any,
  dates?: any[][],
  invocation?: CustomFunctions.Invocation,
): any[][] {
  return excelFormula(() =>
    withCellErrors(invocation?.address, () => {
      const inDoubles = roiInDoublesOfCells(costs, benefits, rate, metric, reinvest_rate, dates);
      if (inDoubles !== undefined) return [[inDoubles]];
      const { metric: which, ...flows } = readArguments(ROI, { metric, costs, benefits });
      const [costList, benefitList] = [flows.costs, flows.benefits];
      if (costList.length !== benefitList.length) {
        throw new CalcError(
          "value",
          `benefits: ${benefitList.length} periods, but costs has ${costList.length}; give one benefit per cost period`,
        );
      }
      const read = readArguments(ROI, { rate, reinvest_rate, dates });
      const [discount, reinvest, dated] = [read.rate, read.reinvest_rate, read.dates];
      if (which === "all") {
        return roiAll(costList, benefitList, discount, reinvest, dated).map(([name, value]) => [
          name,
          value instanceof CalcError ? excelError(value.kind, value.message) : toExcelNumber(value),
        ]);
      }
      return [[toExcelNumber(roi(costList, benefitList, discount, which, reinvest, dated))]];
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
      const asset = readArguments(DEPRECIATION, { method, cost, salvage, life, period });
      if (asset.period === undefined) {
        if (asset.life.gt(EXCEL_ROWS)) {
          throw new CalcError(
            "num",
            `life: a schedule of ${asset.life} periods does not fit in Excel's ${EXCEL_ROWS} rows`,
          );
        }
        return depreciationSchedule(asset.method, asset.cost, asset.salvage, asset.life).map((value) => [
          toExcelNumber(value),
        ]);
      }
      const value = depreciation(asset.method, asset.cost, asset.salvage, asset.life, asset.period);
      return [[toExcelNumber(value)]];
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
      const { method: how, actuals: values } = readArguments(RUNRATE, { method, actuals });
      if (values.length === 0) throw new CalcError("div0", "actuals: no actuals yet, nothing to extrapolate");
      const { periods_total: total } = readArguments(RUNRATE, { periods_total });
      return toExcelNumber(runRate(values, total, how));
    }),
  );
}
