import { Decimal, roundHalfAway } from "../../../src/engine/decimal";
import type { Sql } from "../../../src/server/db";

/**
 * The figures a formula must show, computed here on the version's rows read with plain SQL and
 * added up with decimal.js, independently of the service's query code: pool and account costs
 * from the raw cost lines, driver quantities from the raw driver rows, towers, services,
 * consumers, allocations and rates from the results stored when the version was published.
 */

interface MemberRow {
  dimension: string;
  name: string;
  parent: string | null;
  attributes: Record<string, string>;
}

/** The service keeps monthly costs to the cent; longer periods add up the months. */
const cents = (x: Decimal) => roundHalfAway(x, 2);
const key = (...parts: string[]) => parts.join("|");

function add(map: Map<string, Decimal>, at: string, amount: Decimal): void {
  map.set(at, (map.get(at) ?? new Decimal(0)).plus(amount));
}

/** The months of a period, for a model whose fiscal year starts in January. */
export function monthsIn(period: string): string[] {
  const months = (year: string, from: number, count: number) =>
    Array.from({ length: count }, (_, i) => `${year}-${String(from + i).padStart(2, "0")}`);
  if (/^\d{4}-\d{2}$/.test(period)) return [period];
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return months(quarter[1], (Number(quarter[2]) - 1) * 3 + 1, 3);
  const year = /^(?:FY)?(\d{4})$/.exec(period);
  if (year) return months(year[1], 1, 12);
  throw new Error(`not a period: ${period}`);
}

export class SeedFigures {
  private constructor(
    readonly model: { name: string; currency: string },
    readonly version: { id: string; label: string; status: string; publishedAt: string | null },
    private readonly members: MemberRow[],
    readonly scenarios: string[],
    readonly months: string[],
    /** Monthly cost to the cent of a leaf of the raw data: dimension|member|scenario|month. */
    private readonly costs: Map<string, Decimal>,
    /** dimension|member|consumer|scenario|month. */
    private readonly allocations: Map<string, Decimal>,
    /** driver|member|scenario|month. */
    private readonly quantities: Map<string, Decimal>,
    /** service|scenario|month -> cost and quantity. */
    private readonly rates: Map<string, { cost: Decimal; quantity: Decimal }>,
  ) {}

  static async load(db: Sql, versionLabel: string): Promise<SeedFigures> {
    const { rows: versions } = await db.query<{
      id: string;
      label: string;
      status: string;
      published_at: Date | null;
      name: string;
      currency: string;
    }>(
      `SELECT v.id::text AS id, v.label, v.status, v.published_at, m.name, trim(m.currency) AS currency
         FROM versions v JOIN models m ON m.id = v.model_id WHERE v.label = $1`,
      [versionLabel],
    );
    const v = versions[0];
    const { rows: members } = await db.query<MemberRow>(
      `SELECT dimension, name, parent, attributes FROM members WHERE version_id = $1
        ORDER BY dimension, position, name COLLATE "C"`,
      [v.id],
    );
    const { rows: scenarios } = await db.query<{ name: string }>(
      `SELECT name FROM scenarios WHERE version_id = $1 ORDER BY position, name COLLATE "C"`,
      [v.id],
    );
    const { rows: months } = await db.query<{ period: string }>(
      `SELECT period FROM cost_lines WHERE version_id = $1
        UNION SELECT period FROM driver_quantities WHERE version_id = $1 ORDER BY 1`,
      [v.id],
    );
    const costs = new Map<string, Decimal>();
    for (const column of ["pool", "account"]) {
      const { rows } = await db.query<{ member: string; scenario: string; period: string; amount: string }>(
        `SELECT ${column} AS member, scenario, period, sum(amount)::text AS amount FROM cost_lines
          WHERE version_id = $1 AND ${column} IS NOT NULL GROUP BY 1, 2, 3`,
        [v.id],
      );
      for (const r of rows)
        costs.set(key(column, r.member, r.scenario, r.period), cents(new Decimal(r.amount)));
    }
    const { rows: results } = await db.query<{
      dimension: string;
      member: string;
      scenario: string;
      period: string;
      amount: string;
    }>(
      `SELECT dimension, member, scenario, period, amount::text AS amount FROM member_costs
        WHERE version_id = $1 AND dimension IN ('tower', 'service', 'consumer')`,
      [v.id],
    );
    for (const r of results)
      costs.set(key(r.dimension, r.member, r.scenario, r.period), new Decimal(r.amount));
    const allocations = new Map<string, Decimal>();
    const { rows: allocated } = await db.query<{
      dimension: string;
      member: string;
      consumer: string;
      scenario: string;
      period: string;
      amount: string;
    }>(
      `SELECT dimension, member, consumer, scenario, period, amount::text AS amount
         FROM allocation_results WHERE version_id = $1`,
      [v.id],
    );
    for (const r of allocated) {
      allocations.set(key(r.dimension, r.member, r.consumer, r.scenario, r.period), new Decimal(r.amount));
    }
    const quantities = new Map<string, Decimal>();
    const { rows: drivers } = await db.query<{
      driver: string;
      member: string;
      scenario: string;
      period: string;
      quantity: string;
    }>(
      `SELECT driver, member, scenario, period, quantity::text AS quantity FROM driver_quantities WHERE version_id = $1`,
      [v.id],
    );
    for (const r of drivers)
      add(quantities, key(r.driver, r.member, r.scenario, r.period), new Decimal(r.quantity));
    const rates = new Map<string, { cost: Decimal; quantity: Decimal }>();
    const { rows: unitRates } = await db.query<{
      service: string;
      scenario: string;
      period: string;
      cost: string;
      quantity: string;
    }>(
      `SELECT service, scenario, period, cost::text AS cost, quantity::text AS quantity FROM unit_rates WHERE version_id = $1`,
      [v.id],
    );
    for (const r of unitRates) {
      rates.set(key(r.service, r.scenario, r.period), {
        cost: new Decimal(r.cost),
        quantity: new Decimal(r.quantity),
      });
    }
    return new SeedFigures(
      { name: v.name, currency: v.currency },
      {
        id: v.id,
        label: v.label,
        status: v.status,
        publishedAt: v.published_at === null ? null : new Date(v.published_at).toISOString(),
      },
      members,
      scenarios.map((s) => s.name),
      months.map((m) => m.period),
      costs,
      allocations,
      quantities,
      rates,
    );
  }

  /** Member names of a dimension in the model's order; with a parent, its children. */
  names(dimension: string, parent?: string): string[] {
    return this.members
      .filter((m) => m.dimension === dimension && (parent === undefined || m.parent === parent))
      .map((m) => m.name);
  }

  has(dimension: string, name: string): boolean {
    return this.members.some((m) => m.dimension === dimension && m.name === name);
  }

  attribute(dimension: string, name: string, attribute: string): string | undefined {
    return this.members.find((m) => m.dimension === dimension && m.name === name)?.attributes[attribute];
  }

  private readonly subtrees = new Map<string, string[]>();

  private subtree(dimension: string, name: string): string[] {
    const at = key(dimension, name);
    let found = this.subtrees.get(at);
    if (found === undefined) {
      found = [name, ...this.names(dimension, name).flatMap((child) => this.subtree(dimension, child))];
      this.subtrees.set(at, found);
    }
    return found;
  }

  private dimensionOf(name: string, dimensions: readonly string[]): string {
    const found = dimensions.find((d) => this.has(d, name));
    if (found === undefined) throw new Error(`no member ${name} in ${dimensions.join(", ")}`);
    return found;
  }

  private total(keys: Iterable<string>, map: Map<string, Decimal>): Decimal {
    let sum = new Decimal(0);
    for (const at of keys) sum = sum.plus(map.get(at) ?? 0);
    return sum;
  }

  cost(member: string, period: string, scenario: string): Decimal {
    const dimension = this.dimensionOf(member, ["pool", "tower", "service", "account", "consumer"]);
    const keys = this.subtree(dimension, member).flatMap((m) =>
      monthsIn(period).map((month) => key(dimension, m, scenario, month)),
    );
    return cents(this.total(keys, this.costs));
  }

  allocated(member: string, consumer: string, period: string, scenario: string): Decimal {
    const dimension = this.dimensionOf(member, ["pool", "tower", "service"]);
    const keys = this.subtree(dimension, member).flatMap((m) =>
      this.subtree("consumer", consumer).flatMap((c) =>
        monthsIn(period).map((month) => key(dimension, m, c, scenario, month)),
      ),
    );
    return cents(this.total(keys, this.allocations));
  }

  driver(driver: string, member: string, period: string, scenario: string): Decimal {
    const dimension = this.dimensionOf(member, ["consumer", "service", "tower", "pool", "account"]);
    const keys = this.subtree(dimension, member).flatMap((m) =>
      monthsIn(period).map((month) => key(driver, m, scenario, month)),
    );
    return this.total(keys, this.quantities);
  }

  /** Cost over driver volume to 6 decimals, or null where the volume is zero. */
  rate(service: string, period: string, scenario: string): Decimal | null {
    let cost = new Decimal(0);
    let quantity = new Decimal(0);
    for (const month of monthsIn(period)) {
      const r = this.rates.get(key(service, scenario, month));
      if (r === undefined) continue;
      cost = cost.plus(r.cost);
      quantity = quantity.plus(r.quantity);
    }
    return quantity.isZero() ? null : roundHalfAway(cost.div(quantity), 6);
  }
}
