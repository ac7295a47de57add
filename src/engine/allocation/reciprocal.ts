import type { Decimal } from "../decimal";
import { CalcError } from "../errors";
import { readDepartments } from "./inputs";
import { isZero } from "./rational";
import { ReciprocalSystem } from "./reciprocal-system";
import { roundMatrix } from "./rounding";
import { checkDecimals } from "./units";

/**
 * Reciprocal allocation: the total cost of support department i is T_i = c_i + Σ_j T_j · share_ji, where
 * share_ji is department j's usage by i over department j's usage by all other departments. The
 * equations are solved exactly, then each T_i goes to the operating departments by its shares.
 */
export function reciprocal(
  costs: readonly Decimal[],
  usage: readonly (readonly Decimal[])[],
  decimals: number,
): Decimal[][] {
  checkDecimals(decimals);
  const { costs: own, usage: quantities, support } = readDepartments(costs, usage);
  const system = new ReciprocalSystem(quantities, support);
  own.forEach((cost, department) => {
    if (!isZero(cost) && system.unusable(department)) {
      throw new CalcError(
        "div0",
        `support department ${department + 1} has cost to pass on, but its usage row shows no use by any other department`,
      );
    }
  });
  const solution = system.solve(own);
  if ("singular" in solution) {
    throw new CalcError(
      "num",
      "the reciprocal equations have no single solution: some support departments serve only one another, " +
        "so their cost never reaches an operating department",
    );
  }
  if ("stuck" in solution) {
    throw new CalcError(
      "div0",
      `support department ${solution.stuck + 1} receives cost from other support departments, ` +
        "but its usage row shows no use by any other department to pass it on",
    );
  }
  return roundMatrix(system.passedTo(solution.totals), decimals);
}
