import { solveExactly } from "./linear";
import {
  type Rational,
  RATIONAL_ONE,
  RATIONAL_ZERO,
  add,
  divide,
  isZero,
  multiply,
  negate,
  sumRational,
} from "./rational";

/** The exact totals for some own costs, or the department that has cost but no one to pass it to. */
export type ReciprocalTotals = { totals: Rational[] } | { stuck: number };

/** The exact totals, or why there are none: no single solution, or a department with cost but no one to pass it to. */
export type ReciprocalSolution = ReciprocalTotals | { singular: true };

/**
 * The reciprocal equations of k support departments: the total cost of department i is
 * T_i = c_i + Σ_j T_j · share_ji, where share_ji is department j's usage by i over department j's
 * usage by every other department (its own use, on the diagonal, does not count).
 */
export class ReciprocalSystem {
  /** Row i: department i's share of each column (k support departments, then the others). */
  readonly shares: Rational[][];
  private readonly equations: Rational[][];

  /** `usage`: a row per support department, its quantities used by the k support departments, then by the others. */
  constructor(
    usage: readonly (readonly Rational[])[],
    readonly supportCount: number,
  ) {
    this.shares = usage.map((row, department) => {
      const usedByOthers = sumRational(row.filter((_, j) => j !== department));
      return row.map((quantity, j) =>
        j === department || isZero(usedByOthers) ? RATIONAL_ZERO : divide(quantity, usedByOthers),
      );
    });
    this.equations = usage.map((_, i) =>
      usage.map((__, j) => (i === j ? RATIONAL_ONE : negate(this.shares[j][i]))),
    );
  }

  /** Whether department i has no one to pass cost to. */
  unusable(department: number): boolean {
    return this.shares[department].every(isZero);
  }

  /** The totals for these own costs, or why the cost cannot reach the other departments. */
  solve(costs: readonly Rational[]): ReciprocalSolution {
    return this.solveEach([costs])?.[0] ?? { singular: true };
  }

  /** The totals for each list of own costs from one elimination, or null when there is no single solution. */
  solveEach(costs: readonly (readonly Rational[])[]): ReciprocalTotals[] | null {
    const solutions = solveExactly(this.equations, costs);
    if (solutions === null) return null;
    return solutions.map((totals) => {
      const stuck = totals.findIndex((t, i) => !isZero(t) && this.unusable(i));
      return stuck >= 0 ? { stuck } : { totals };
    });
  }

  /** Row i: what support department i with total T_i passes to each department that is not a support one. */
  passedTo(totals: readonly Rational[]): Rational[][] {
    return totals.map((total, i) =>
      this.shares[i].slice(this.supportCount).map((share) => multiply(total, share)),
    );
  }

  /** What all the support departments together pass to each department that is not a support one. */
  passedOn(totals: readonly Rational[]): Rational[] {
    const rows = this.passedTo(totals);
    return rows[0].map((_, j) => rows.reduce((sum, row) => add(sum, row[j]), RATIONAL_ZERO));
  }
}
