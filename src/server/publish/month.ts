import type { AllocationStage } from "../../contract/model";
import type { DirectNamer } from "./ledger";
import type { MemberIndex } from "./members";
import type { Problems, PublishProblem } from "./problems";
import { type Rule, type RuleBook, STAGE_DIMENSIONS, STAGE_NAMES } from "./rules";
import { type DriverQuantities, type Weights, ruleWeights } from "./weights";

export type TracedDimension = "pool" | "tower" | "service";
export type CostDimension = TracedDimension | "consumer";

/** What every month of a version's run reads: its rules, driver quantities and consumers. */
export interface RunContext {
  rules: RuleBook;
  quantities: DriverQuantities;
  consumerIndex: ReadonlyMap<string, number>;
  consumers: readonly string[];
  /** Services with a unit rate: their rate driver (the member attribute "driver"). */
  rateDrivers: ReadonlyMap<string, string>;
  /** The version's members: a source without a rule may be a parent. */
  members: MemberIndex;
  /** The members standing for cost that passes no tower or no service (direct.ts). */
  direct: DirectNamer;
  problems: Problems;
}

/** A source's rule with this month's weights of its targets, in lowest terms. */
export interface RuleWeights {
  rule: Rule;
  units: bigint[];
}

/**
 * One scenario and month of the run: the problems it finds (recorded with where they occur; any
 * problem stops the month's results) and the weights of its rules, looked up once per source.
 */
export class Month {
  private stopped = false;
  private readonly where: string;
  private readonly found = new Map<string, RuleWeights | null>();

  constructor(
    readonly context: RunContext,
    readonly scenario: string,
    readonly period: string,
  ) {
    this.where = `${scenario} ${period}`;
  }

  get failed(): boolean {
    return this.stopped;
  }

  problem(code: PublishProblem["code"], message: string): void {
    this.stopped = true;
    this.context.problems.add(code, message, this.where);
  }

  /** The rule and this month's weights of a source; reports why there are none. */
  weights(stage: AllocationStage, source: string): RuleWeights | null {
    const key = `${stage}\u0000${source}`;
    if (this.found.has(key)) return this.found.get(key) ?? null;
    const weights = this.findWeights(stage, source);
    this.found.set(key, weights);
    return weights;
  }

  /** This month's weights of a rule without judging them (a source without cost needs none). */
  plainWeights(rule: Rule): Weights {
    return ruleWeights(rule, this.context.quantities, this.scenario, this.period);
  }

  /** A source with cost and no rule; a parent holding lines of its own is told where they belong. */
  private noRule(stage: AllocationStage, source: string): void {
    const dimension = STAGE_DIMENSIONS[stage].source;
    const stageName = STAGE_NAMES[stage];
    const children = this.context.members.childrenOf(dimension, source);
    if (children.length === 0) {
      this.problem("no_rule", `${dimension} "${source}" has cost to pass on but no ${stageName} rule`);
      return;
    }
    const shown = children.slice(0, 3).map((child) => `"${child}"`);
    const list =
      children.length > 3 ? `${shown.join(", ")} and ${children.length - 3} more` : shown.join(" or ");
    this.problem(
      "parent_lines",
      `${dimension} "${source}" is a parent of other ${dimension}s and has cost lines of its own, which no ` +
        `rule passes on: book them to one of its sub-${dimension}s (${list}), or give "${source}" a ${stageName} rule`,
    );
  }

  private findWeights(stage: AllocationStage, source: string): RuleWeights | null {
    const rule = this.context.rules.get(stage, source);
    const stageName = STAGE_NAMES[stage];
    if (rule === undefined) {
      // A refused rule was reported when the rules were read; the month still stops.
      if (this.context.rules.wasRefused(stage, source)) this.stopped = true;
      else this.noRule(stage, source);
      return null;
    }
    const weights = this.plainWeights(rule);
    if (weights.kind === "zero") {
      this.problem(
        "zero_driver",
        `the driver "${rule.driver}" is zero on every target of the ${stageName} rule for "${source}", ` +
          "so its cost cannot be allocated",
      );
      return null;
    }
    if (weights.kind === "negative") {
      const targets = weights.targets.map((t) => `"${t}"`).join(", ");
      this.problem(
        "negative_driver",
        `the driver "${rule.driver}" has a negative quantity on ${targets}, a target of the ${stageName} ` +
          `rule for "${source}"`,
      );
      return null;
    }
    return { rule, units: weights.units };
  }
}
