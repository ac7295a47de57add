import { type Fixed, gcdOf, parseFixed, sumFixed, toScale } from "../../engine/money";
import type { QuantityRow } from "./inputs";
import type { Rule } from "./rules";

/** Driver quantities of a version by driver, scenario and month. */
export class DriverQuantities {
  private readonly byMonth = new Map<string, Map<string, Fixed>>();

  constructor(rows: readonly QuantityRow[]) {
    for (const row of rows) {
      const key = monthKey(row.driver, row.scenario, row.period);
      let members = this.byMonth.get(key);
      if (members === undefined) {
        members = new Map();
        this.byMonth.set(key, members);
      }
      members.set(row.member, parseFixed(row.quantity));
    }
  }

  quantity(driver: string, member: string, scenario: string, period: string): Fixed | undefined {
    return this.byMonth.get(monthKey(driver, scenario, period))?.get(member);
  }

  /** The driver's quantities in a month, by the member each is measured on. */
  onMembers(driver: string, scenario: string, period: string): ReadonlyMap<string, Fixed> {
    return this.byMonth.get(monthKey(driver, scenario, period)) ?? new Map();
  }

  /** The driver's total volume in a month: its quantities on every member it is measured on. */
  total(driver: string, scenario: string, period: string): Fixed {
    return sumFixed(this.byMonth.get(monthKey(driver, scenario, period))?.values() ?? []);
  }
}

function monthKey(driver: string, scenario: string, period: string): string {
  return `${driver}\u0000${scenario}\u0000${period}`;
}

export type Weights =
  { kind: "weights"; units: bigint[] } | { kind: "zero" } | { kind: "negative"; targets: string[] };

/**
 * The shares of a rule's targets in one month, as whole numbers in their lowest terms (divided by
 * their greatest common divisor, which keeps the later exact arithmetic small).
 */
export function ruleWeights(
  rule: Rule,
  quantities: DriverQuantities,
  scenario: string,
  period: string,
): Weights {
  let units: bigint[];
  if (rule.method === "even") units = rule.targets.map(() => 1n);
  else if (rule.method === "percent") units = rule.percents as bigint[];
  else {
    const values = rule.targets.map(
      (target) =>
        quantities.quantity(rule.driver as string, target, scenario, period) ?? { units: 0n, scale: 0 },
    );
    const negative = rule.targets.filter((_, i) => values[i].units < 0n);
    if (negative.length > 0) return { kind: "negative", targets: negative };
    const scale = values.reduce((most, v) => Math.max(most, v.scale), 0);
    units = values.map((v) => toScale(v, scale));
  }
  const divisor = gcdOf(units);
  if (divisor === 0n) return { kind: "zero" };
  return { kind: "weights", units: divisor === 1n ? units : units.map((u) => u / divisor) };
}
