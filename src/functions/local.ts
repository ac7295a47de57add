/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands any value; the readers validate it. */
import { ALLOCATE, RECIPROCAL, STEPDOWN } from "../contract/formulas";
import { allocateNumbers, reciprocal, stepDown } from "../engine/allocation";
import { CalcError } from "../engine/errors";
import { readNumber, readNumberList, readNumberMatrix, isBlank, shapeOf, toExcelMatrix } from "./arguments";
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
