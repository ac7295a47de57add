import {
  type Rational,
  type ReciprocalTotals,
  ReciprocalSystem,
  fraction,
  reciprocalTotals,
  roundRows,
} from "../../engine/allocation";
import { CalcError } from "../../engine/errors";
import { roundUnitsHalfAway, sumUnits } from "../../engine/money";
import { add } from "./ledger";
import type { Month } from "./month";
import type { Rule } from "./rules";

/** Support services with the columns of their usage rows: the support services, then the others. */
interface SupportPlan {
  readonly supports: readonly string[];
  readonly operating: readonly string[];
  readonly system: ReciprocalSystem;
}

/** What the support services pass on in a month, in cents. */
export interface SupportCents {
  /** What each service that is not a support service receives from the support services. */
  received: Map<string, bigint>;
  /** Each support service's full reciprocal cost: its own cost plus what the others pass to it. */
  fullCosts: Map<string, bigint>;
}

/** Where one unit of a support service's own cost ends up: a share of each operating service. */
export interface UnitShares {
  operating: readonly string[];
  shares: Rational[];
}

/**
 * The support services of one month, which share their cost by the reciprocal method. The plan
 * (who serves whom, by this month's weights) is made when first needed, and its equations are
 * solved once, in one elimination, for this month's own costs and for one unit of each support
 * service's cost: the first gives the cents passed on, the others the unit shares that trace
 * each support service's cost to the consumers.
 */
export class SupportServices {
  private readonly costs: bigint[];
  private plan?: SupportPlan | null;
  private solution?: ReciprocalTotals[] | null;

  constructor(
    private readonly month: Month,
    private readonly serviceMoney: ReadonlyMap<string, bigint>,
  ) {
    this.costs = month.context.rules.supports.map((s) => serviceMoney.get(s) ?? 0n);
  }

  /** The support stage: this month's support costs passed on to the services that are not support services. */
  share(): SupportCents {
    const cents: SupportCents = { received: new Map(), fullCosts: new Map() };
    if (this.costs.every((c) => c === 0n)) return cents;
    const plan = this.planned();
    if (plan === null) return cents;
    const own = this.solved(plan)?.[0];
    if (!this.reported(plan, own)) return cents;
    try {
      const totals = reciprocalTotals(
        plan.system,
        this.costs.map((c) => fraction(c, 1n)),
        own,
      );
      const passed = roundRows(plan.system.passedTo(totals), 0);
      plan.operating.forEach((service, j) => {
        const received = sumUnits(passed.map((row) => row[j]));
        if (received !== 0n) add(cents.received, service, received);
      });
      plan.supports.forEach((s, i) =>
        cents.fullCosts.set(s, roundUnitsHalfAway(totals[i].num, totals[i].den)),
      );
    } catch (error) {
      if (!(error instanceof CalcError)) throw error;
      this.month.problem("reciprocal", `the support services cannot share their cost: ${error.message}`);
    }
    return cents;
  }

  /** Where one unit of `support`'s own cost ends up; null after a reported problem. */
  unitShares(support: string): UnitShares | null {
    const plan = this.planned();
    if (plan === null) return null;
    const unit = this.solved(plan)?.[1 + plan.supports.indexOf(support)];
    if (!this.reported(plan, unit)) return null;
    return { operating: plan.operating, shares: plan.system.passedOn(unit.totals) };
  }

  /** Whether `solution` holds totals; reports why not (an undefined solution: the equations are singular). */
  private reported(
    plan: SupportPlan,
    solution: ReciprocalTotals | undefined,
  ): solution is { totals: Rational[] } {
    if (solution === undefined) {
      this.month.problem(
        "reciprocal",
        `the support services ${plan.supports.map((s) => `"${s}"`).join(", ")} cannot share their cost: ` +
          "some of them serve only one another, so their cost never reaches a service that is not a support service",
      );
      return false;
    }
    if ("stuck" in solution) {
      this.month.problem(
        "reciprocal",
        `support service "${plan.supports[solution.stuck]}" receives cost from other support services, but its ` +
          "service-to-service rule shows no use by any other service to pass it on",
      );
      return false;
    }
    return true;
  }

  /** One elimination for the month's own costs and a unit of each support service's cost; null when singular. */
  private solved(plan: SupportPlan): ReciprocalTotals[] | null {
    if (this.solution === undefined) {
      const count = plan.supports.length;
      const unit = (i: number) => Array.from({ length: count }, (_, j) => fraction(i === j ? 1n : 0n, 1n));
      const costs = this.costs.map((c) => fraction(c, 1n));
      this.solution = plan.system.solveEach([costs, ...plan.supports.map((_, i) => unit(i))]);
    }
    return this.solution;
  }

  private planned(): SupportPlan | null {
    if (this.plan === undefined) this.plan = this.makePlan();
    return this.plan;
  }

  private makePlan(): SupportPlan | null {
    const { rules } = this.month.context;
    const supports = rules.supports;
    const supportColumn = new Map(supports.map((s, i) => [s, i]));
    const operating: string[] = [];
    const rows = supports.map((support) => {
      const rule = rules.get("service_to_service", support) as Rule;
      for (const target of rule.targets) {
        if (!supportColumn.has(target) && !operating.includes(target)) operating.push(target);
      }
      // A support service without cost this month may have no usage yet; the plan objects only if cost reaches it.
      const hasCost = (this.serviceMoney.get(support) ?? 0n) !== 0n;
      const weights = hasCost
        ? this.month.weights("service_to_service", support)
        : this.month.plainWeights(rule);
      const units = weights !== null && "units" in weights ? weights.units : null;
      return { targets: rule.targets, units };
    });
    if (operating.length === 0) {
      this.month.problem(
        "reciprocal",
        `the support services ${supports.map((s) => `"${s}"`).join(", ")} pass their cost only to one another: ` +
          "at least one of them must also serve a service that is not a support service",
      );
      return null;
    }
    const usage = rows.map(({ targets, units }) => {
      const row = new Array<Rational>(supports.length + operating.length).fill(fraction(0n, 1n));
      targets.forEach((target, i) => {
        const column = supportColumn.get(target) ?? supports.length + operating.indexOf(target);
        row[column] = fraction(units === null ? 0n : units[i], 1n);
      });
      return row;
    });
    return { supports, operating, system: new ReciprocalSystem(usage, supports.length) };
  }
}
