import type { Decimal } from "../decimal";
import { CalcError } from "../errors";
import { checkDecimals, readDepartments } from "./inputs";
import { solveExactly } from "./linear";
import { RATIONAL_ONE, RATIONAL_ZERO, divide, isZero, multiply, negate, sumRational } from "./rational";
import { roundMatrix } from "./rounding";

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
  const shares = quantities.map((row, department) => {
    const usedByOthers = sumRational(row.filter((_, j) => j !== department));
    if (isZero(usedByOthers)) return row.map(() => RATIONAL_ZERO);
    return row.map((quantity, j) => (j === department ? RATIONAL_ZERO : divide(quantity, usedByOthers)));
  });
  const unusable = (department: number): boolean => shares[department].every(isZero);
  own.forEach((cost, department) => {
    if (!isZero(cost) && unusable(department)) {
      throw new CalcError(
        "div0",
        `support department ${department + 1} has cost to pass on, but its usage row shows no use by any other department`,
      );
    }
  });
  const equations = own.map((_, i) => own.map((__, j) => (i === j ? RATIONAL_ONE : negate(shares[j][i]))));
  const totals = solveExactly(equations, own);
  if (totals === null) {
    throw new CalcError(
      "num",
      "the reciprocal equations have no single solution: some support departments serve only one another, " +
        "so their cost never reaches an operating department",
    );
  }
  totals.forEach((total, department) => {
    if (!isZero(total) && unusable(department)) {
      throw new CalcError(
        "div0",
        `support department ${department + 1} receives cost from other support departments, ` +
          "but its usage row shows no use by any other department to pass it on",
      );
    }
  });
  return roundMatrix(
    totals.map((total, department) =>
      shares[department].slice(support).map((share) => multiply(total, share)),
    ),
    decimals,
  );
}
