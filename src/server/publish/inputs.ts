import type { Sql } from "../db";
import {
  type AccountCost,
  type CostGroup,
  type QuantityRow,
  accountCosts,
  costGroups,
  summedQuantities,
} from "../store/facts";
import { type MemberRow, memberRows } from "../store/members";
import { compareText } from "../store/order";
import { type RuleRow, ruleRows } from "../store/rules";
import { scenarioRows } from "../store/scenarios";

export type { AccountCost, CostGroup, QuantityRow } from "../store/facts";
export type { MemberRow } from "../store/members";
export { compareText } from "../store/order";
export type { RuleRow } from "../store/rules";

/** Everything the allocation run reads of a version, already summed by the database. */
export interface VersionInputs {
  members: MemberRow[];
  scenarios: string[];
  costGroups: CostGroup[];
  accountCosts: AccountCost[];
  quantities: QuantityRow[];
  rules: RuleRow[];
}

function compareGroups(a: CostGroup, b: CostGroup): number {
  return (
    compareText(a.scenario, b.scenario) ||
    compareText(a.period, b.period) ||
    compareText(a.pool, b.pool) ||
    compareText(a.tower ?? "", b.tower ?? "") ||
    compareText(a.service ?? "", b.service ?? "") ||
    compareText(a.consumer ?? "", b.consumer ?? "")
  );
}

/** The members of a version in the model's order: by dimension, then position, then name. */
export async function loadMembers(sql: Sql, versionId: string): Promise<MemberRow[]> {
  return (await memberRows(sql, versionId)).sort(
    (a, b) => compareText(a.dimension, b.dimension) || a.position - b.position || compareText(a.name, b.name),
  );
}

export async function loadScenarios(sql: Sql, versionId: string): Promise<string[]> {
  return (await scenarioRows(sql, versionId))
    .sort((a, b) => a.position - b.position || compareText(a.name, b.name))
    .map((s) => s.name);
}

/** Driver quantities, duplicates of one driver, member, scenario and month summed. */
export function loadQuantities(sql: Sql, versionId: string): Promise<QuantityRow[]> {
  return summedQuantities(sql, versionId);
}

export async function loadVersionInputs(sql: Sql, versionId: string): Promise<VersionInputs> {
  const groups = await costGroups(sql, versionId);
  const accounts = await accountCosts(sql, versionId);
  const rules = await ruleRows(sql, versionId);
  return {
    members: await loadMembers(sql, versionId),
    scenarios: await loadScenarios(sql, versionId),
    costGroups: groups.sort(compareGroups),
    accountCosts: accounts,
    quantities: await loadQuantities(sql, versionId),
    rules,
  };
}
