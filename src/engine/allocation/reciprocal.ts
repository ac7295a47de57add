import { CalcError } from "../errors";
import { departmentAllocation } from "./departments";
import type { Departments } from "./inputs";
import { type Rational, isZero } from "./rational";
import { type ReciprocalSolution, ReciprocalSystem } from "./reciprocal-system";

/**
 * The totals `solution` holds for these own costs, or the CalcError a controller reads saying why
 * the reciprocal allocation has none.
 */
export function reciprocalTotals(
  system: ReciprocalSystem,
  costs: readonly Rational[],
  solution: ReciprocalSolution,
): Rational[] {
  const idle = costs.findIndex((cost, department) => !isZero(cost) && system.unusable(department));
  if (idle >= 0) {
    throw new CalcError(
      "div0",
      `support department ${idle + 1} has cost to pass on, but its usage row shows no use by any other department`,
    );
  }
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
  return solution.totals;
}

/**
 * Reciprocal allocation: the total cost of support department i is T_i = c_i + Σ_j T_j · share_ji, where
 * share_ji is department j's usage by i over department j's usage by all other departments. The
 * equations are solved exactly, then each T_i goes to the operating departments by its shares.
 */
export const reciprocal = departmentAllocation(passedReciprocally);

function passedReciprocally({ costs: own, usage: quantities, support }: Departments): Rational[][] {
  const system = new ReciprocalSystem(quantities, support);
  return system.passedTo(reciprocalTotals(system, own, system.solve(own)));
}
