/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands any value; the readers validate it. */
import { ALLOCATE, RECIPROCAL, STEPDOWN } from "../contract/formulas";
import {
  allocate,
  allocateSafeIntegerUnits,
  reciprocal,
  stepDown,
  type AllocationMethod,
} from "../engine/allocation";
import { Decimal, ZERO, roundHalfAway } from "../engine/decimal";
import { CalcError } from "../engine/errors";
import {
  readNumber,
  readNumberList,
  readNumberMatrix,
  isBlank,
  shapeOf,
  toExcelMatrix,
  toExcelNumber,
} from "./arguments";
import { withCellErrors } from "./cell-errors";
import { excelFormula } from "./excel-errors";
import { readArguments } from "./read-arguments";

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
      const { decimals: places, method: how } = readArguments(ALLOCATE, { decimals, method });
      const driverShape = shapeOf(drivers);
      if (driverShape.rows === 0 || driverShape.columns === 0) {
        throw new CalcError("div0", "drivers: the range is empty, nothing to allocate by");
      }
      const amountShape = shapeOf(amount);
      if (amountShape.rows === 1 && amountShape.columns === 1) {
        return allocateCells(readNumber("amount", amount, ZERO), drivers, places, how, () =>
          readNumberMatrix("drivers", drivers),
        );
      }
      if (amountShape.columns !== 1 || amountShape.rows !== driverShape.rows) {
        throw new CalcError(
          "value",
          `amount: a range of amounts must be one column with one row per row of drivers (${driverShape.rows}), got ${amountShape.rows}×${amountShape.columns}`,
        );
      }
      const amounts = readNumberList("amount", amount);
      let exactRows: Decimal[][] | undefined;
      return amounts.map(
        (rowAmount, r) =>
          allocateCells(rowAmount, [drivers[r]], places, how, () => [
            (exactRows ??= readNumberMatrix("drivers", drivers))[r],
          ])[0],
      );
    }),
  );
}

/** Whole-number driver cells (blanks as 0) in reading order, or undefined if any cell is something else. */
function wholeNumberDrivers(rows: readonly (readonly any[])[]): Float64Array | undefined {
  const width = rows[0].length;
  const weights = new Float64Array(rows.length * width);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < width; c++) {
      const cell = row[c];
      if (typeof cell === "number") weights[r * width + c] = cell;
      else if (!isBlank(cell)) return undefined;
    }
  }
  return weights;
}

/**
 * Allocates over a driver matrix and answers in its shape. Whole-number drivers take the exact
 * safe-integer path (a full column in milliseconds); anything else goes through the general exact
 * path, which also names bad cells.
 */
function allocateCells(
  amount: Decimal,
  rows: readonly (readonly any[])[],
  places: number,
  how: AllocationMethod,
  exactDrivers: () => Decimal[][],
): number[][] {
  const width = rows[0].length;
  // Only an amount already in whole units (no more decimals than kept) splits the same either way.
  const inWholeUnits = roundHalfAway(amount, places).eq(amount);
  const weights = how === "none" || !inWholeUnits ? undefined : wholeNumberDrivers(rows);
  if (weights !== undefined && how !== "none") {
    const amountUnits = amount.times(new Decimal(10).pow(places)).toNumber();
    const units = allocateSafeIntegerUnits(amountUnits, weights, how);
    if (units !== undefined) {
      const scale = 10 ** places;
      return rows.map((_, r) => {
        const row = new Array<number>(width);
        for (let c = 0; c < width; c++) row[c] = units[r * width + c] / scale;
        return row;
      });
    }
  }
  const shares = allocate(amount, exactDrivers().flat(), places, how).map(toExcelNumber);
  return rows.map((_, r) => shares.slice(r * width, (r + 1) * width));
}

/** STEPDOWN and RECIPROCAL: the same inputs and result shape, by one of the two allocation methods. */
function supportDepartmentFormula(
  spec: typeof STEPDOWN | typeof RECIPROCAL,
  method: typeof stepDown,
  costs: any[][],
  usage: any[][],
  decimals: any,
  invocation: CustomFunctions.Invocation | undefined,
): number[][] {
  return excelFormula(() =>
    withCellErrors(invocation?.address, () => {
      const { decimals: places } = readArguments(spec, { decimals });
      const costShape = shapeOf(costs);
      if (costShape.rows !== 1 && costShape.columns !== 1) {
        throw new CalcError(
          "value",
          `costs: must be one column (one cost per support department), got ${costShape.rows}×${costShape.columns}`,
        );
      }
      const departments = readArguments(spec, { costs, usage });
      return toExcelMatrix(method(departments.costs, departments.usage, places));
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
  return supportDepartmentFormula(STEPDOWN, stepDown, costs, usage, decimals, invocation);
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
  return supportDepartmentFormula(RECIPROCAL, reciprocal, costs, usage, decimals, invocation);
}
