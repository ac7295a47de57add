import { setImmediate as pause } from "node:timers/promises";
import type { Dimension } from "../../contract/model";
import type { AllocationRow, MemberCostRow, UnitRateRow } from "../publish/compute";
import { parseFixed, toScale } from "../../engine/money";
import type { MemberRow, QuantityRow } from "../publish/inputs";
import { MemberIndex } from "../publish/members";
import { closestName } from "../../contract/closest-name";
import { LruMap } from "./lru";

/** Every figure of the index is a whole number of 10^-12 units: the finest decimal a model holds. */
export const UNIT_SCALE = 12;

const units = (text: string): bigint => toScale(parseFixed(text), UNIT_SCALE);
const key = (...parts: string[]): string => parts.join("\u0000");
/** Rows read in before the index lets other requests have their turn. */
const SLICE_ROWS = 20_000;

export interface IndexSource {
  members: MemberRow[];
  scenarios: string[];
  /** Months with cost lines or driver quantities, in order. */
  months: string[];
  memberCosts: MemberCostRow[];
  allocations: AllocationRow[];
  unitRates: UnitRateRow[];
  quantities: QuantityRow[];
  /** For a draft that cannot be allocated yet: why (its tower, service, consumer and allocated figures are unknown). */
  allocationProblem: string | null;
}

/**
 * The model's members and those the allocation adds where cost passes no tower or no service
 * ("Direct from Compute", publish/direct.ts): a tower or service known only by its results.
 */
function withDirectMembers(members: readonly MemberRow[], costs: readonly MemberCostRow[]): MemberRow[] {
  const known = new Set(members.map((m) => key(m.dimension, m.name)));
  const added: MemberRow[] = [];
  for (const { dimension, member } of costs) {
    if ((dimension !== "tower" && dimension !== "service") || known.has(key(dimension, member))) continue;
    known.add(key(dimension, member));
    added.push({
      dimension,
      name: member,
      parent: null,
      attributes: {},
      position: members.length + added.length,
    });
  }
  return [...members, ...added];
}

/** Rows an index holds: its weight in the cache of indexes. */
export function rowsOf(source: Pick<IndexSource, "memberCosts" | "allocations" | "quantities">): number {
  return source.memberCosts.length + source.allocations.length + source.quantities.length;
}

/**
 * A version's results in memory, so a query is a few map lookups. Costs are rolled up to every parent
 * when the index is built (few rows); allocations and quantities are summed over the member's and the
 * consumer's subtree when asked.
 */
export class VersionIndex {
  readonly members: MemberIndex;
  readonly scenarios: readonly string[];
  readonly months: readonly string[];
  readonly allocationProblem: string | null;
  /** Rows held, the weight of this index in the cache. */
  readonly size: number;
  private readonly costs = new Map<string, bigint>();
  private readonly allocations = new Map<string, Map<string, bigint>>();
  private readonly quantities = new Map<string, Map<string, bigint>>();
  private readonly rates = new Map<string, { cost: bigint; quantity: bigint }>();
  /** A batch full of the same slip asks once: names do not change within a version. */
  private readonly suggestions = new LruMap<string, string | null>(2_000);

  private constructor(source: IndexSource) {
    this.members = new MemberIndex(withDirectMembers(source.members, source.memberCosts));
    this.scenarios = source.scenarios;
    this.months = source.months;
    this.allocationProblem = source.allocationProblem;
    this.size = rowsOf(source);
  }

  /**
   * Builds the index a slice of rows at a time, pausing in between: a large version's hundreds of
   * thousands of rows would otherwise hold up every other request while they are read in.
   */
  static async build(source: IndexSource): Promise<VersionIndex> {
    const index = new VersionIndex(source);
    for (let i = 0; i < source.memberCosts.length; i += SLICE_ROWS) {
      for (const row of source.memberCosts.slice(i, i + SLICE_ROWS)) index.addCost(row);
      await pause();
    }
    for (let i = 0; i < source.allocations.length; i += SLICE_ROWS) {
      for (const row of source.allocations.slice(i, i + SLICE_ROWS)) index.addAllocation(row);
      await pause();
    }
    for (let i = 0; i < source.quantities.length; i += SLICE_ROWS) {
      for (const row of source.quantities.slice(i, i + SLICE_ROWS)) index.addQuantity(row);
      await pause();
    }
    for (const row of source.unitRates) {
      index.rates.set(key(row.service, row.scenario, row.period), {
        cost: units(row.cost),
        quantity: units(row.quantity),
      });
    }
    return index;
  }

  private addCost(row: MemberCostRow): void {
    const amount = units(row.amount);
    for (const member of [row.member, ...this.members.ancestors(row.dimension, row.member)]) {
      const at = key(row.dimension, member, row.scenario, row.period);
      this.costs.set(at, (this.costs.get(at) ?? 0n) + amount);
    }
  }

  private addAllocation(row: AllocationRow): void {
    const at = key(row.dimension, row.member, row.scenario, row.period);
    let byConsumer = this.allocations.get(at);
    if (byConsumer === undefined) {
      byConsumer = new Map();
      this.allocations.set(at, byConsumer);
    }
    byConsumer.set(row.consumer, units(row.amount));
  }

  private addQuantity(row: QuantityRow): void {
    const at = key(row.driver, row.scenario, row.period);
    let byMember = this.quantities.get(at);
    if (byMember === undefined) {
      byMember = new Map();
      this.quantities.set(at, byMember);
    }
    byMember.set(row.member, (byMember.get(row.member) ?? 0n) + units(row.quantity));
  }

  hasScenario(name: string): boolean {
    return this.scenarios.includes(name);
  }

  /** Cost of a member and everything below it over the months. */
  cost(dimension: Dimension, member: string, scenario: string, months: readonly string[]): bigint {
    let total = 0n;
    for (const period of months) total += this.costs.get(key(dimension, member, scenario, period)) ?? 0n;
    return total;
  }

  /** What a pool, tower or service (and its children) passes to a consumer (and its children). */
  allocated(
    dimension: Dimension,
    member: string,
    consumer: string,
    scenario: string,
    months: readonly string[],
  ): bigint {
    const consumers = this.members.subtree("consumer", consumer);
    let total = 0n;
    for (const source of this.members.subtree(dimension, member)) {
      for (const period of months) {
        const byConsumer = this.allocations.get(key(dimension, source, scenario, period));
        if (byConsumer === undefined) continue;
        for (const c of consumers) total += byConsumer.get(c) ?? 0n;
      }
    }
    return total;
  }

  /** The member of `dimensions` that `name` most likely meant ("Storag" → "Storage"), if one is close. */
  suggest(dimensions: readonly Dimension[], name: string): string | undefined {
    const memo = key(...dimensions, name);
    const known = this.suggestions.get(memo);
    if (known !== undefined) return known ?? undefined;
    const found = closestName(
      name,
      dimensions.flatMap((dimension) => this.members.names(dimension)),
    );
    this.suggestions.set(memo, found ?? null);
    return found;
  }

  /** A driver's quantities on the named members over the months. */
  quantity(driver: string, members: readonly string[], scenario: string, months: readonly string[]): bigint {
    let total = 0n;
    for (const period of months) {
      const byMember = this.quantities.get(key(driver, scenario, period));
      if (byMember === undefined) continue;
      for (const m of members) total += byMember.get(m) ?? 0n;
    }
    return total;
  }

  /** A service's charged-out cost and its rate driver's volume over the months. */
  rate(service: string, scenario: string, months: readonly string[]): { cost: bigint; quantity: bigint } {
    const sum = { cost: 0n, quantity: 0n };
    for (const period of months) {
      const month = this.rates.get(key(service, scenario, period));
      if (month === undefined) continue;
      sum.cost += month.cost;
      sum.quantity += month.quantity;
    }
    return sum;
  }

  rateDriver(service: string): string | undefined {
    const driver = this.members.get("service", service)?.attributes.driver;
    return driver === undefined || driver === "" ? undefined : driver;
  }
}
