import { CalcError } from "../errors";
import { departmentAllocation } from "./departments";
import type { Departments } from "./inputs";
import { type Rational, RATIONAL_ZERO, add, divide, isZero, multiply, sumRational } from "./rational";

/**
 * Step-down (sequential) allocation: each support department, in step order, passes its own cost plus
 * what earlier steps passed to it on to the support departments after it and to the operating
 * departments, by its usage row. Result k×p: what each support department passes to each operating one.
 */
export const stepDown = departmentAllocation(passedStepByStep);

function passedStepByStep({ costs: own, usage: quantities, support, operating }: Departments): Rational[][] {
  const pools = [...own];
  return pools.map((pool, department) => {
    const row = quantities[department];
    const receivers = row.slice(department + 1);
    const totalUsage = sumRational(receivers);
    if (isZero(totalUsage)) {
      if (!isZero(pool)) {
        throw new CalcError(
          "div0",
          `support department ${department + 1} has cost to pass on, but its usage row shows no use ` +
            "by the support departments after it or by any operating department",
        );
      }
      return new Array<Rational>(operating).fill(RATIONAL_ZERO);
    }
    const shareOf = (quantity: Rational): Rational => multiply(pool, divide(quantity, totalUsage));
    for (let later = department + 1; later < support; later++) {
      pools[later] = add(pools[later], shareOf(row[later]));
    }
    return row.slice(support).map(shareOf);
  });
}
