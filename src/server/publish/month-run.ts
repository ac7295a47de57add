import type { AllocationStage } from "../../contract/model";
import { type Rational, type ReciprocalSolution, ReciprocalSystem, fraction } from "../../engine/allocation";
import { CalcError } from "../../engine/errors";
import { type Fixed, lcm, roundUnitsHalfAway } from "../../engine/money";
import { type ExactVector, combine, fromWeights, roundTrace } from "./distribution";
import type { Problems, PublishProblem } from "./problems";
import { type Rule, type RuleBook, STAGE_DIMENSIONS, STAGE_NAMES } from "./rules";
import { reciprocalCents, splitCents } from "./split";
import { type DriverQuantities, ruleWeights } from "./weights";

export type TracedDimension = "pool" | "tower" | "service";
export type CostDimension = TracedDimension | "consumer";

export interface RunContext {
  rules: RuleBook;
  quantities: DriverQuantities;
  consumerIndex: ReadonlyMap<string, number>;
  consumers: readonly string[];
  /** Services with a unit rate: their rate driver (the member attribute "driver"). */
  rateDrivers: ReadonlyMap<string, string>;
  problems: Problems;
}

/** Cost lines of one month and scenario summed per attribution, in whole cents. */
export interface EntryGroup {
  pool: string;
  tower: string | null;
  service: string | null;
  consumer: string | null;
  cents: bigint;
}

export interface MonthResults {
  /** Towers, services and consumers (pools: poolCosts(), known even when the allocation fails). */
  costs: { dimension: CostDimension; member: string; cents: bigint }[];
  allocations: { dimension: TracedDimension; member: string; consumer: string; cents: bigint }[];
  rates: { service: string; cents: bigint; quantity: Fixed }[];
}

/** Support services with the columns of their usage rows: the support services, then the others. */
interface SupportPlan {
  supports: readonly string[];
  operating: string[];
  usage: bigint[][];
  system: ReciprocalSystem;
}

/** What a member's cost is made of: amounts entering other members' rules, and amounts booked to consumers. */
interface Trace {
  viaRules: Map<string, { dimension: TracedDimension; name: string; cents: bigint }>;
  direct: Map<number, bigint>;
}

const RULE_STAGE: Record<TracedDimension, Exclude<AllocationStage, "service_to_service">> = {
  pool: "pool_to_tower",
  tower: "tower_to_service",
  service: "service_to_consumer",
};

const nodeKey = (dimension: TracedDimension, name: string): string => `${dimension}\u0000${name}`;

function add(ledger: Map<string, bigint>, name: string, cents: bigint): void {
  ledger.set(name, (ledger.get(name) ?? 0n) + cents);
}

/**
 * The allocation of one scenario and month: cost lines enter at the deepest member they are booked
 * to, then each stage splits every source's amount over its rule's targets to the cent (pools to
 * towers, towers to services, support services among themselves by the reciprocal method, services
 * to consumers). Then every pool, tower and service is traced to the consumers its cost reaches.
 */
export class MonthRun {
  private failed = false;
  private readonly where: string;
  private readonly cost: Record<CostDimension, Map<string, bigint>> = {
    pool: new Map(),
    tower: new Map(),
    service: new Map(),
    consumer: new Map(),
  };
  /** Amounts each member passes on by its own rule. */
  private readonly ruleMoney: Record<TracedDimension, Map<string, bigint>> = {
    pool: new Map(),
    tower: new Map(),
    service: new Map(),
  };
  private readonly supportReceived = new Map<string, bigint>();
  private readonly traces = new Map<string, Trace>();
  private readonly weightMemo = new Map<string, { rule: Rule; units: bigint[] } | null>();
  private readonly distributions = new Map<string, ExactVector | null>();
  private readonly unitShares = new Map<string, Rational[] | null>();
  private supportPlanMemo: SupportPlan | null | undefined;
  private supportSolutionMemo: ReciprocalSolution | undefined;

  constructor(
    private readonly context: RunContext,
    private readonly scenario: string,
    private readonly period: string,
  ) {
    this.where = `${scenario} ${period}`;
  }

  /** The month's results, or null when a problem (recorded in the context) stops it. */
  run(groups: readonly EntryGroup[]): MonthResults | null {
    for (const group of groups) this.book(group);
    this.passOn("pool_to_tower", this.ruleMoney.pool);
    this.passOn("tower_to_service", this.ruleMoney.tower);
    this.shareSupportServices();
    this.passOn("service_to_consumer", this.chargedOut());
    this.checkConservation(groups.reduce((total, g) => total + g.cents, 0n));
    if (this.failed) return null;
    const allocations = this.traceAll();
    const rates = this.rates();
    if (this.failed) return null;
    const costs: MonthResults["costs"] = [];
    for (const dimension of ["tower", "service", "consumer"] as const) {
      for (const [member, cents] of this.cost[dimension])
        if (cents !== 0n) costs.push({ dimension, member, cents });
    }
    return { costs, allocations, rates };
  }

  /** The cost of each pool: what its cost lines bring into the allocation. */
  poolCosts(): ReadonlyMap<string, bigint> {
    return this.cost.pool;
  }

  private problem(code: PublishProblem["code"], message: string): void {
    this.failed = true;
    this.context.problems.add(code, message, this.where);
  }

  private trace(dimension: TracedDimension, name: string): Trace {
    const key = nodeKey(dimension, name);
    let trace = this.traces.get(key);
    if (trace === undefined) {
      trace = { viaRules: new Map(), direct: new Map() };
      this.traces.set(key, trace);
    }
    return trace;
  }

  /** A group enters at the deepest member it is booked to and skips the stages before it. */
  private book(group: EntryGroup): void {
    const { pool, tower, service, consumer, cents } = group;
    add(this.cost.pool, pool, cents);
    if (tower !== null) add(this.cost.tower, tower, cents);
    if (service !== null) add(this.cost.service, service, cents);
    const path: [TracedDimension, string][] = [["pool", pool]];
    if (tower !== null) path.push(["tower", tower]);
    if (service !== null) path.push(["service", service]);
    if (consumer !== null) {
      add(this.cost.consumer, consumer, cents);
      const index = this.context.consumerIndex.get(consumer) as number;
      for (const [dimension, name] of path) {
        const direct = this.trace(dimension, name).direct;
        direct.set(index, (direct.get(index) ?? 0n) + cents);
      }
      return;
    }
    const [entryDimension, entryName] = path[path.length - 1];
    add(this.ruleMoney[entryDimension], entryName, cents);
    for (const [dimension, name] of path.slice(0, -1)) {
      const viaRules = this.trace(dimension, name).viaRules;
      const key = nodeKey(entryDimension, entryName);
      const entry = viaRules.get(key) ?? { dimension: entryDimension, name: entryName, cents: 0n };
      entry.cents += cents;
      viaRules.set(key, entry);
    }
  }

  /** The rule and this month's weights of a source; reports why there are none. */
  private weights(stage: AllocationStage, source: string): { rule: Rule; units: bigint[] } | null {
    const key = `${stage}\u0000${source}`;
    if (this.weightMemo.has(key)) return this.weightMemo.get(key) ?? null;
    const found = this.findWeights(stage, source);
    this.weightMemo.set(key, found);
    return found;
  }

  private findWeights(stage: AllocationStage, source: string): { rule: Rule; units: bigint[] } | null {
    const rule = this.context.rules.get(stage, source);
    const stageName = STAGE_NAMES[stage];
    if (rule === undefined) {
      if (this.context.rules.wasRefused(stage, source)) this.failed = true;
      else {
        const dimension = STAGE_DIMENSIONS[stage].source;
        this.problem("no_rule", `${dimension} "${source}" has cost to pass on but no ${stageName} rule`);
      }
      return null;
    }
    const weights = ruleWeights(rule, this.context.quantities, this.scenario, this.period);
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

  private passOn(
    stage: Exclude<AllocationStage, "service_to_service">,
    amounts: ReadonlyMap<string, bigint>,
  ): void {
    const targetDimension = STAGE_DIMENSIONS[stage].target;
    for (const [source, cents] of amounts) {
      if (cents === 0n) continue;
      const weights = this.weights(stage, source);
      if (weights === null) continue;
      const shares = splitCents(cents, weights.units);
      weights.rule.targets.forEach((target, i) => {
        if (shares[i] === 0n) return;
        add(this.cost[targetDimension], target, shares[i]);
        if (targetDimension !== "consumer") add(this.ruleMoney[targetDimension], target, shares[i]);
      });
    }
  }

  /** What each service that is not a support service passes to consumers: its own cost and support received. */
  private chargedOut(): Map<string, bigint> {
    const amounts = new Map<string, bigint>();
    for (const [service, cents] of this.ruleMoney.service) {
      if (!this.context.rules.isSupport(service)) add(amounts, service, cents);
    }
    for (const [service, cents] of this.supportReceived) add(amounts, service, cents);
    return amounts;
  }

  private supportCosts(plan: SupportPlan): bigint[] {
    return plan.supports.map((s) => this.ruleMoney.service.get(s) ?? 0n);
  }

  private shareSupportServices(): void {
    const supports = this.context.rules.supports;
    if (supports.every((s) => (this.ruleMoney.service.get(s) ?? 0n) === 0n)) return;
    const plan = this.supportPlan();
    if (plan === null) return;
    if (!("totals" in this.supportSolution(plan))) return;
    try {
      const matrix = reciprocalCents(this.supportCosts(plan), plan.usage);
      plan.operating.forEach((service, j) => {
        const received = matrix.reduce((sum, row) => sum + row[j], 0n);
        if (received !== 0n) add(this.supportReceived, service, received);
      });
    } catch (error) {
      if (!(error instanceof CalcError)) throw error;
      this.problem("reciprocal", `the support services cannot share their cost: ${error.message}`);
    }
  }

  /** The reciprocal solution for this month's support costs; reports a problem when there is none. */
  private supportSolution(plan: SupportPlan): ReciprocalSolution {
    if (this.supportSolutionMemo === undefined) {
      const costs = this.supportCosts(plan).map((c) => fraction(c, 1n));
      this.supportSolutionMemo = this.solveSupport(plan, costs);
    }
    return this.supportSolutionMemo;
  }

  private solveSupport(plan: SupportPlan, costs: readonly Rational[]): ReciprocalSolution {
    const solution = plan.system.solve(costs);
    if ("singular" in solution) {
      this.problem(
        "reciprocal",
        `the support services ${plan.supports.map((s) => `"${s}"`).join(", ")} cannot share their cost: ` +
          "some of them serve only one another, so their cost never reaches a service that is not a support service",
      );
    } else if ("stuck" in solution) {
      this.problem(
        "reciprocal",
        `support service "${plan.supports[solution.stuck]}" receives cost from other support services, but its ` +
          "service-to-service rule shows no use by any other service to pass it on",
      );
    }
    return solution;
  }

  private supportPlan(): SupportPlan | null {
    if (this.supportPlanMemo !== undefined) return this.supportPlanMemo;
    const supports = this.context.rules.supports;
    const supportColumn = new Map(supports.map((s, i) => [s, i]));
    const operating: string[] = [];
    const rows = supports.map((support) => {
      const rule = this.context.rules.get("service_to_service", support) as Rule;
      for (const target of rule.targets) {
        if (!supportColumn.has(target) && !operating.includes(target)) operating.push(target);
      }
      // A support service without cost this month may have no usage yet; the engine objects only if cost reaches it.
      const hasCost = (this.ruleMoney.service.get(support) ?? 0n) !== 0n;
      const weights = hasCost
        ? this.weights("service_to_service", support)
        : ruleWeights(rule, this.context.quantities, this.scenario, this.period);
      const units = weights !== null && "units" in weights ? weights.units : null;
      return { targets: rule.targets, units };
    });
    if (operating.length === 0) {
      this.problem(
        "reciprocal",
        `the support services ${supports.map((s) => `"${s}"`).join(", ")} pass their cost only to one another: ` +
          "at least one of them must also serve a service that is not a support service",
      );
      this.supportPlanMemo = null;
      return null;
    }
    const usage = rows.map(({ targets, units }) => {
      const row = new Array<bigint>(supports.length + operating.length).fill(0n);
      targets.forEach((target, i) => {
        const column = supportColumn.get(target) ?? supports.length + operating.indexOf(target);
        row[column] = units === null ? 0n : units[i];
      });
      return row;
    });
    this.supportPlanMemo = {
      supports,
      operating,
      usage,
      system: new ReciprocalSystem(
        usage.map((row) => row.map((units) => fraction(units, 1n))),
        supports.length,
      ),
    };
    return this.supportPlanMemo;
  }

  private checkConservation(entered: bigint): void {
    let reached = 0n;
    for (const cents of this.cost.consumer.values()) reached += cents;
    if (reached !== entered && !this.failed) {
      this.problem(
        "conservation",
        `the consumers received ${reached} cents but the cost lines hold ${entered} cents`,
      );
    }
  }

  /** Where one unit entering a member's rule ends up among the consumers (null after a reported problem). */
  private distribution(dimension: TracedDimension, name: string): ExactVector | null {
    const key = nodeKey(dimension, name);
    if (this.distributions.has(key)) return this.distributions.get(key) ?? null;
    const found =
      dimension === "service" && this.context.rules.isSupport(name)
        ? this.supportDistribution(name)
        : this.ruleDistribution(dimension, name);
    this.distributions.set(key, found);
    return found;
  }

  private ruleDistribution(dimension: TracedDimension, name: string): ExactVector | null {
    const weights = this.weights(RULE_STAGE[dimension], name);
    if (weights === null) return null;
    const size = this.context.consumers.length;
    const { rule, units } = weights;
    if (dimension === "service") {
      const indices = rule.targets.map((t) => this.context.consumerIndex.get(t) as number);
      return fromWeights(indices, units, size);
    }
    const next: TracedDimension = dimension === "pool" ? "tower" : "service";
    const parts: { coefficient: bigint; vector: ExactVector }[] = [];
    for (let i = 0; i < rule.targets.length; i++) {
      if (units[i] === 0n) continue;
      const vector = this.distribution(next, rule.targets[i]);
      if (vector === null) return null;
      parts.push({ coefficient: units[i], vector });
    }
    return combine(
      parts,
      units.reduce((sum, u) => sum + u, 0n),
      size,
    );
  }

  private supportDistribution(name: string): ExactVector | null {
    const plan = this.supportPlan();
    if (plan === null) return null;
    let shares = this.unitShares.get(name);
    if (shares === undefined) {
      const unit = plan.supports.map((s) => fraction(s === name ? 1n : 0n, 1n));
      const solution = this.solveSupport(plan, unit);
      shares = "totals" in solution ? plan.system.passedOn(solution.totals) : null;
      this.unitShares.set(name, shares);
    }
    if (shares === null) return null;
    const common = shares.reduce((multiple, share) => lcm(multiple, share.den), 1n);
    const parts: { coefficient: bigint; vector: ExactVector }[] = [];
    for (let j = 0; j < plan.operating.length; j++) {
      if (shares[j].num === 0n) continue;
      const vector = this.distribution("service", plan.operating[j]);
      if (vector === null) return null;
      parts.push({ coefficient: shares[j].num * (common / shares[j].den), vector });
    }
    return combine(parts, common, this.context.consumers.length);
  }

  /** What each pool, tower and service passes to each consumer, adding up exactly to its cost. */
  private traceAll(): MonthResults["allocations"] {
    const allocations: MonthResults["allocations"] = [];
    const size = this.context.consumers.length;
    for (const dimension of ["pool", "tower", "service"] as const) {
      for (const [name, total] of this.cost[dimension]) {
        const trace = this.traces.get(nodeKey(dimension, name)) ?? { viaRules: new Map(), direct: new Map() };
        const entries = [...trace.viaRules.values()];
        const own = this.ruleMoney[dimension].get(name) ?? 0n;
        if (own !== 0n) entries.push({ dimension, name, cents: own });
        const parts: { coefficient: bigint; vector: ExactVector }[] = [];
        for (const entry of entries) {
          if (entry.cents === 0n) continue;
          const vector = this.distribution(entry.dimension, entry.name);
          if (vector === null) break;
          parts.push({ coefficient: entry.cents, vector });
        }
        if (this.failed) continue;
        const cents = roundTrace(combine(parts, 1n, size, trace.direct), total);
        cents.forEach((amount, c) => {
          if (amount !== 0n)
            allocations.push({ dimension, member: name, consumer: this.context.consumers[c], cents: amount });
        });
      }
    }
    return allocations;
  }

  /**
   * Each rated service's cost as charged out: its own cost plus the support it receives; a support
   * service's full reciprocal cost (its own plus what the other support services pass to it).
   */
  private rates(): MonthResults["rates"] {
    const fullSupportCost = this.fullSupportCosts();
    const rates: MonthResults["rates"] = [];
    for (const [service, driver] of this.context.rateDrivers) {
      const own = this.cost.service.get(service) ?? 0n;
      const cents = this.context.rules.isSupport(service)
        ? own - (this.ruleMoney.service.get(service) ?? 0n) + (fullSupportCost.get(service) ?? 0n)
        : own + (this.supportReceived.get(service) ?? 0n);
      const quantity = this.context.quantities.total(driver, this.scenario, this.period);
      if (cents !== 0n || quantity.units !== 0n) rates.push({ service, cents, quantity });
    }
    return rates;
  }

  private fullSupportCosts(): Map<string, bigint> {
    const supports = this.context.rules.supports;
    if (supports.every((s) => (this.ruleMoney.service.get(s) ?? 0n) === 0n)) return new Map();
    const plan = this.supportPlan() as SupportPlan;
    const solution = this.supportSolution(plan);
    if (!("totals" in solution)) return new Map();
    return new Map(
      plan.supports.map((s, i) => [s, roundUnitsHalfAway(solution.totals[i].num, solution.totals[i].den)]),
    );
  }
}
