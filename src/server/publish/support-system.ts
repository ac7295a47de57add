import { solveExactly } from "../../engine/allocation/linear";
import {
  type Rational,
  RATIONAL_ONE,
  RATIONAL_ZERO,
  add,
  divide,
  fraction,
  isZero,
  multiply,
  negate,
  sumRational,
} from "../../engine/allocation/rational";

export type SupportSolution = { totals: Rational[] } | { singular: true } | { stuck: number };

/**
 * The reciprocal equations of the support services, solved exactly: the total cost of support
 * service i is T_i = c_i + Σ_j T_j · share_ji, where share_ji is j's usage by i over j's usage by
 * every other service (the equations of the engine's reciprocal()). The stage itself is split by the
 * engine; these exact totals give the support services' full cost (their unit rate) and trace each
 * support service's own cost to the services that pass it on to consumers.
 */
export class SupportSystem {
  private readonly shares: Rational[][];
  private readonly equations: Rational[][];

  /** `usage`: a row per support service, its weights on the support services, then on the others. */
  constructor(
    usage: readonly (readonly bigint[])[],
    private readonly supportCount: number,
  ) {
    this.shares = usage.map((row, department) => {
      const usedByOthers = sumRational(row.filter((_, j) => j !== department).map((w) => fraction(w, 1n)));
      return row.map((w, j) =>
        j === department || isZero(usedByOthers) ? RATIONAL_ZERO : divide(fraction(w, 1n), usedByOthers),
      );
    });
    this.equations = usage.map((_, i) =>
      usage.map((__, j) => (i === j ? RATIONAL_ONE : negate(this.shares[j][i]))),
    );
  }

  /** The totals for these own costs, or why the cost cannot reach the other services. */
  solve(costs: readonly Rational[]): SupportSolution {
    const totals = solveExactly(this.equations, costs);
    if (totals === null) return { singular: true };
    const stuck = totals.findIndex((t, i) => !isZero(t) && this.shares[i].every(isZero));
    return stuck >= 0 ? { stuck } : { totals };
  }

  /** What the support services with these totals pass to each service that is not a support service. */
  passedOn(totals: readonly Rational[]): Rational[] {
    const operating = this.shares[0].length - this.supportCount;
    return Array.from({ length: operating }, (_, j) =>
      totals.reduce(
        (sum, t, i) => add(sum, multiply(t, this.shares[i][this.supportCount + j])),
        RATIONAL_ZERO,
      ),
    );
  }
}
