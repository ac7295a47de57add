import type { Dimension } from "../../contract/model";
import { fraction, roundRows } from "../../engine/allocation";
import { type Fixed, centsToText, fixedToText, parseFixed, pow10, toScale } from "../../engine/money";
import type { CostGroup, VersionInputs } from "./inputs";
import type { EntryGroup } from "./ledger";
import { directNamer } from "./direct";
import { MemberIndex } from "./members";
import type { RunContext } from "./month";
import { type MonthObserver, allocateMonth } from "./month-run";
import { Problems, type PublishProblem } from "./problems";
import { RuleBook } from "./rules";
import { DriverQuantities } from "./weights";

export interface MemberCostRow {
  dimension: Dimension;
  member: string;
  scenario: string;
  period: string;
  amount: string;
}

export interface AllocationRow {
  dimension: "pool" | "tower" | "service";
  member: string;
  consumer: string;
  scenario: string;
  period: string;
  amount: string;
}

export interface UnitRateRow {
  service: string;
  scenario: string;
  period: string;
  cost: string;
  quantity: string;
}

export interface ComputedResults {
  memberCosts: MemberCostRow[];
  allocations: AllocationRow[];
  unitRates: UnitRateRow[];
}

/**
 * The results of a version, and every problem found. With problems the results hold only what does
 * not depend on the allocation (the cost of pools and accounts); without, everything to store.
 */
export interface ComputeOutcome {
  results: ComputedResults;
  problems: PublishProblem[];
}

/** A version read for its run: the context every month shares, and each month's entry groups. */
export interface PreparedRun {
  context: RunContext;
  /** By "scenario\u0000period", in the order the inputs list them. */
  months: Map<string, EntryGroup[]>;
  /** The cost of each account and month, which does not depend on the allocation. */
  accountRows: MemberCostRow[];
  problems: Problems;
}

export function prepareRun(inputs: VersionInputs): PreparedRun {
  const problems = new Problems();
  const members = new MemberIndex(inputs.members);
  const consumers = members.names("consumer");
  const context: RunContext = {
    rules: RuleBook.read(inputs.rules, members, problems),
    quantities: new DriverQuantities(inputs.quantities),
    consumers,
    consumerIndex: new Map(consumers.map((name, i) => [name, i])),
    rateDrivers: rateDrivers(members, problems),
    members,
    direct: directNamer(members),
    problems,
  };
  const accountRows = accountCosts(inputs, members, problems);
  const months = new Map<string, EntryGroup[]>();
  for (const [month, groups] of monthsOf(validGroups(inputs, members, problems))) {
    months.set(month, entryGroups(groups));
  }
  return { context, months, accountRows, problems };
}

export function computeResults(inputs: VersionInputs, observe?: MonthObserver): ComputeOutcome {
  const { context, months, accountRows, problems } = prepareRun(inputs);
  const results: ComputedResults = { memberCosts: [...accountRows], allocations: [], unitRates: [] };
  for (const [month, groups] of months) {
    const [scenario, period] = month.split("\u0000");
    const { poolCosts, results: outcome } = allocateMonth(context, scenario, period, groups, observe);
    for (const [member, cents] of poolCosts) {
      if (cents !== 0n)
        results.memberCosts.push({ dimension: "pool", member, scenario, period, amount: centsToText(cents) });
    }
    if (outcome === null) continue;
    for (const { dimension, member, cents } of outcome.costs) {
      results.memberCosts.push({ dimension, member, scenario, period, amount: centsToText(cents) });
    }
    for (const { dimension, member, consumer, cents } of outcome.allocations) {
      results.allocations.push({ dimension, member, consumer, scenario, period, amount: centsToText(cents) });
    }
    for (const { service, cents, quantity } of outcome.rates) {
      results.unitRates.push({
        service,
        scenario,
        period,
        cost: centsToText(cents),
        quantity: fixedToText(quantity),
      });
    }
  }
  if (problems.size > 0) {
    results.memberCosts = results.memberCosts.filter(
      (row) => row.dimension === "pool" || row.dimension === "account",
    );
    results.allocations = [];
    results.unitRates = [];
  }
  return { results, problems: problems.list() };
}

function rateDrivers(members: MemberIndex, problems: Problems): Map<string, string> {
  const drivers = new Map<string, string>();
  for (const service of members.names("service")) {
    const driver = members.get("service", service)?.attributes.driver;
    if (driver === undefined || driver === "") continue;
    if (members.has("driver", driver)) drivers.set(service, driver);
    else problems.add("unknown_member", `service "${service}" names an unknown rate driver "${driver}"`);
  }
  return drivers;
}

function accountCosts(inputs: VersionInputs, members: MemberIndex, problems: Problems): MemberCostRow[] {
  const rows: MemberCostRow[] = [];
  for (const { account, scenario, period, amount } of inputs.accountCosts) {
    if (!members.has("account", account)) {
      problems.add("unknown_member", `cost lines are booked to an unknown account "${account}"`);
    } else if (parseFixed(amount).units !== 0n) {
      rows.push({ dimension: "account", member: account, scenario, period, amount });
    }
  }
  return rows;
}

const ATTRIBUTIONS = ["pool", "tower", "service", "consumer"] as const;

function validGroups(inputs: VersionInputs, members: MemberIndex, problems: Problems): CostGroup[] {
  const scenarios = new Set(inputs.scenarios);
  return inputs.costGroups.filter((group) => {
    let valid = true;
    if (!scenarios.has(group.scenario)) {
      problems.add(
        "unknown_scenario",
        `cost lines use the scenario "${group.scenario}", which this version does not have`,
      );
      valid = false;
    }
    for (const dimension of ATTRIBUTIONS) {
      const name = group[dimension];
      if (name !== null && !members.has(dimension, name)) {
        problems.add("unknown_member", `cost lines are booked to an unknown ${dimension} "${name}"`);
        valid = false;
      }
    }
    return valid;
  });
}

function monthsOf(groups: readonly CostGroup[]): Map<string, CostGroup[]> {
  const months = new Map<string, CostGroup[]>();
  for (const group of groups) {
    const key = `${group.scenario}\u0000${group.period}`;
    const list = months.get(key) ?? [];
    list.push(group);
    months.set(key, list);
  }
  return months;
}

/**
 * The month's groups in whole cents. Amounts with finer decimals are rounded together, by the
 * engine's largest remainder, so that the month still adds up to ROUND(total, 2).
 */
function entryGroups(groups: readonly CostGroup[]): EntryGroup[] {
  const amounts: Fixed[] = groups.map((g) => parseFixed(g.amount));
  const inCents = amounts.every((a) => a.scale <= 2 || a.units % pow10(a.scale - 2) === 0n);
  const cents = inCents
    ? amounts.map((a) => (a.scale <= 2 ? toScale(a, 2) : a.units / pow10(a.scale - 2)))
    : roundRows([amounts.map((a) => fraction(a.units, pow10(a.scale)))], 2)[0];
  return groups.map((g, i) => ({
    pool: g.pool,
    tower: g.tower,
    service: g.service,
    consumer: g.consumer,
    cents: cents[i],
  }));
}
