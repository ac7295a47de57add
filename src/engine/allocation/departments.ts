import type { Decimal } from "../decimal";
import { type Departments, readDepartments } from "./inputs";
import type { Rational } from "./rational";
import { roundMatrix } from "./rounding";
import { checkDecimals } from "./units";

/** An allocation of k support departments to p operating departments, as STEPDOWN and RECIPROCAL take it. */
export type DepartmentAllocation = (
  costs: readonly Decimal[],
  usage: readonly (readonly Decimal[])[],
  decimals: number,
) => Decimal[][];

/**
 * The allocation that reads and checks its inputs, works out `passed` exactly (k×p: what each support
 * department passes to each operating one) and rounds it to `decimals`, adding up to the costs.
 */
export function departmentAllocation(
  passed: (departments: Departments) => Rational[][],
): DepartmentAllocation {
  return (costs, usage, decimals) => {
    checkDecimals(decimals);
    return roundMatrix(passed(readDepartments(costs, usage)), decimals);
  };
}
