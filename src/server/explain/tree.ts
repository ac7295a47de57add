import { roundToTotal } from "../../engine/allocation";
import { type Fixed, lcm, sumUnits } from "../../engine/money";
import type { AllocationStage } from "../../contract/model";
import type { EntryGroup } from "../publish/ledger";
import { nodeKey } from "../publish/ledger";
import type { TracedDimension } from "../publish/month";
import { type MonthDetail, STAGE_OF_TARGET, allocationKey } from "./month-detail";

/** Which cost lines a node of lines stands for: one booking of one month's lines. */
export interface Booking {
  pool: string;
  tower: string | null;
  service: string | null;
  consumer: string | null;
}

/** The rule that moved a node's amount, with this month's figures. */
export type RuleAt =
  | {
      kind: "rule";
      stage: AllocationStage;
      source: string;
      target: string;
      method: string;
      driver: string | null;
      quantity: Fixed | null;
      of: Fixed | null;
      percent: Fixed | null;
      targets: number;
    }
  | { kind: "support" }
  | { kind: "direct"; consumer: string };

/** A node of one month's explanation; its children's cents add up exactly to its own. */
export interface MonthNode {
  /** Its identity among its siblings, the same in every month. */
  key: string;
  kind: string;
  name: string;
  cents: bigint;
  rule?: RuleAt;
  booking?: Booking;
  children: MonthNode[];
}

/** A part of a node's amount: what it is, and its exact weight num/den. */
interface Part {
  weight: { num: bigint; den: bigint };
  build: (cents: bigint) => MonthNode;
}

/** `total` split over the parts in proportion to their exact weights, adding up to it exactly. */
function split(parts: readonly Part[], total: bigint): MonthNode[] {
  const live = parts.filter((p) => p.weight.num !== 0n);
  if (live.length === 0) return [];
  const common = live.reduce((d, p) => lcm(d, p.weight.den), 1n);
  const weights = live.map((p) => p.weight.num * (common / p.weight.den));
  let sum = sumUnits(weights);
  let numerators = weights.map((w) => w * total);
  if (sum === 0n) {
    // Parts that cancel out: the whole amount sits with the largest.
    const largest = weights.reduce((best, w, i) => (abs(w) > abs(weights[best]) ? i : best), 0);
    numerators = weights.map((_, i) => (i === largest ? total : 0n));
    sum = 1n;
  }
  if (sum < 0n) [sum, numerators] = [-sum, numerators.map((n) => -n)];
  const cents = roundToTotal({ numerators, denominator: sum }, total);
  return live
    .map((p, i) => p.build(cents[i]))
    .filter((node) => node.cents !== 0n || node.children.length > 0);
}

export const abs = (n: bigint) => (n < 0n ? -n : n);
const ZERO: Fixed = { units: 0n, scale: 0 };
const whole = (cents: bigint) => ({ num: cents, den: 1n });

/** The explanations of one month's figures. */
export class MonthTree {
  /** The groups whose way passes each member, and those entering each member's rule. */
  private readonly through = new Map<string, EntryGroup[]>();
  private readonly entering = new Map<string, EntryGroup[]>();
  private readonly parts = new Map<string, Part[]>();
  private readonly rules = new Map<string, RuleAt | undefined>();
  private readonly totals = new Map<string, Fixed>();

  constructor(private readonly detail: MonthDetail) {
    const push = (map: Map<string, EntryGroup[]>, key: string, group: EntryGroup) =>
      map.set(key, [...(map.get(key) ?? []), group]);
    const { direct } = this.context;
    for (const group of detail.groups) {
      const tower =
        group.tower ??
        (group.service !== null || group.consumer !== null ? direct("tower", group.pool) : null);
      const service =
        group.service ?? (group.consumer !== null ? direct("service", group.tower ?? group.pool) : null);
      push(this.through, nodeKey("pool", group.pool), group);
      if (tower !== null) push(this.through, nodeKey("tower", tower), group);
      if (service !== null) push(this.through, nodeKey("service", service), group);
      if (group.consumer === null) push(this.entering, nodeKey(...this.entryOf(group)), group);
    }
  }

  private get context() {
    return this.detail.run.context;
  }

  private isDirect(dimension: TracedDimension, name: string): boolean {
    return dimension !== "pool" && !this.context.members.has(dimension, name);
  }

  /** The groups whose way to the consumers passes the member (a direct member included). */
  private passing(dimension: TracedDimension, name: string): readonly EntryGroup[] {
    return this.through.get(nodeKey(dimension, name)) ?? [];
  }

  /** The member a group enters the rules at: the deepest it is booked to. */
  private entryOf(group: EntryGroup): [TracedDimension, string] {
    if (group.service !== null) return ["service", group.service];
    if (group.tower !== null) return ["tower", group.tower];
    return ["pool", group.pool];
  }

  private linesNode(group: EntryGroup, cents: bigint, rule?: RuleAt): MonthNode {
    const { pool, tower, service, consumer } = group;
    const name = [pool, tower, service, consumer].filter((part) => part !== null).join(" · ");
    return {
      key: `lines\u0000${name}`,
      kind: "lines",
      name,
      cents,
      rule,
      booking: { pool, tower, service, consumer },
      children: [],
    };
  }

  private ruleAt(stage: AllocationStage, source: string, target: string): RuleAt | undefined {
    const key = `${stage}\u0000${source}\u0000${target}`;
    if (!this.rules.has(key)) this.rules.set(key, this.findRule(stage, source, target));
    return this.rules.get(key);
  }

  /** The quantity of all of a rule's targets, once per rule and month. */
  private totalOf(stage: AllocationStage, source: string, driver: string, targets: readonly string[]): Fixed {
    const key = `${stage}\u0000${source}`;
    let total = this.totals.get(key);
    if (total === undefined) {
      const { scenario, period } = this.detail;
      const all = targets.map((t) => this.context.quantities.quantity(driver, t, scenario, period) ?? ZERO);
      const scale = Math.max(0, ...all.map((q) => q.scale));
      total = { units: sumUnits(all.map((q) => q.units * 10n ** BigInt(scale - q.scale))), scale };
      this.totals.set(key, total);
    }
    return total;
  }

  private findRule(stage: AllocationStage, source: string, target: string): RuleAt | undefined {
    const weights = this.detail.run.weights(stage, source);
    if (weights === null) return undefined;
    const { rule } = weights;
    const { scenario, period } = this.detail;
    const driver = rule.driver;
    return {
      kind: "rule",
      stage,
      source,
      target,
      method: rule.method,
      driver,
      quantity:
        driver === null ? null : (this.context.quantities.quantity(driver, target, scenario, period) ?? ZERO),
      of: driver === null ? null : this.totalOf(stage, source, driver, rule.targets),
      percent:
        rule.percents === null ? null : { units: rule.percents[rule.targets.indexOf(target)], scale: 0 },
      targets: rule.targets.length,
    };
  }

  /** What enters a member's rule: what the stage before passed to it, and the lines booked to it there. */
  private ruleMoneyParts(dimension: TracedDimension, name: string): Part[] {
    const key = nodeKey(dimension, name);
    const known = this.parts.get(key);
    if (known !== undefined) return known;
    const parts: Part[] = this.inflows(dimension, name).map(({ cents, build }) => ({
      weight: whole(cents),
      build,
    }));
    this.parts.set(key, parts);
    for (const group of this.entering.get(key) ?? []) {
      parts.push({ weight: whole(group.cents), build: (share) => this.linesNode(group, share) });
    }
    return parts;
  }

  /** What the stage before passed to a member, each source with its amount and its node for a part of it. */
  private inflows(dimension: TracedDimension, name: string): { cents: bigint; build: Part["build"] }[] {
    if (dimension === "pool") return [];
    const { stage, source: upstream } = STAGE_OF_TARGET[dimension];
    return [...(this.detail.inflows.get(nodeKey(dimension, name)) ?? [])].map(([source, cents]) => ({
      cents,
      build: (share: bigint) => this.memberNode(upstream, source, share, this.ruleAt(stage, source, name)),
    }));
  }

  /** A member's part of an amount, made of what entered its rule in proportion. */
  memberNode(dimension: TracedDimension, name: string, cents: bigint, rule?: RuleAt): MonthNode {
    return {
      key: `${dimension}\u0000${name}`,
      kind: dimension,
      name,
      cents,
      rule,
      children: split(this.ruleMoneyParts(dimension, name), cents),
    };
  }

  /** A member's cost: what the stage before passed to it, and every line booked through it. */
  cost(dimension: TracedDimension, name: string): MonthNode {
    const parts = this.inflows(dimension, name).map(({ cents, build }) => build(cents));
    for (const group of this.passing(dimension, name)) parts.push(this.linesNode(group, group.cents));
    const cents = sumUnits(parts.map((p) => p.cents));
    return { key: `${dimension}\u0000${name}`, kind: dimension, name, cents, children: parts };
  }

  /** A consumer's cost: what each service (the cut every cent passes) passes to it. */
  consumerCost(consumer: string): MonthNode {
    const cents = this.detail.consumerCents.get(consumer) ?? 0n;
    const children: MonthNode[] = [];
    for (const service of this.detail.ledger.cost.service.keys()) {
      const amount = this.detail.allocated.get(allocationKey("service", service, consumer)) ?? 0n;
      if (amount !== 0n) children.push(this.allocated("service", service, consumer));
    }
    return { key: `consumer\u0000${consumer}`, kind: "consumer", name: consumer, cents, children };
  }

  /**
   * What a member passes to a consumer, split by where it comes from: lines booked straight to the
   * consumer, lines booked below the member (by the rule of the member they enter), and what enters
   * the member's own rule, each in proportion to its exact part.
   */
  allocated(dimension: TracedDimension, name: string, consumer: string): MonthNode {
    const cents = this.detail.allocated.get(allocationKey(dimension, name, consumer)) ?? 0n;
    const index = this.context.consumerIndex.get(consumer) as number;
    const reach = (entry: [TracedDimension, string]) => {
      const vector = this.detail.distribution(...entry);
      return vector === null ? { num: 0n, den: 1n } : { num: vector.num[index], den: vector.den };
    };
    const parts: Part[] = [];
    for (const group of this.passing(dimension, name)) {
      if (group.consumer === consumer) {
        parts.push({
          weight: whole(group.cents),
          build: (share) => this.linesNode(group, share, { kind: "direct", consumer }),
        });
        continue;
      }
      const entry = this.entryOf(group);
      if (group.consumer !== null || (entry[0] === dimension && entry[1] === name)) continue;
      const r = reach(entry);
      parts.push({
        weight: { num: group.cents * r.num, den: r.den },
        build: (share) => this.linesNode(group, share, this.toConsumer(entry[0], entry[1], consumer)),
      });
    }
    if (!this.isDirect(dimension, name)) {
      const r = reach([dimension, name]);
      for (const part of this.ruleMoneyParts(dimension, name)) {
        parts.push({
          weight: { num: part.weight.num * r.num, den: part.weight.den * r.den },
          build: part.build,
        });
      }
    }
    return {
      key: `${dimension}\u0000${name}`,
      kind: dimension,
      name,
      cents,
      rule: this.toConsumer(dimension, name, consumer),
      children: split(parts, cents),
    };
  }

  /** The last rule on the way to a consumer, when one rule takes it there. */
  private toConsumer(dimension: TracedDimension, name: string, consumer: string): RuleAt | undefined {
    if (dimension !== "service") return undefined;
    if (this.isDirect(dimension, name)) return { kind: "direct", consumer };
    if (this.context.rules.isSupport(name)) return { kind: "support" };
    return this.ruleAt("service_to_consumer", name, consumer);
  }
}
