import type { AllocationRule, AllocationStage, Dimension } from "../../contract/model";
import type { Sql } from "../db";

export interface MemberRow {
  dimension: Dimension;
  name: string;
  parent: string | null;
  attributes: Record<string, string>;
  position: number;
}

/** Cost lines summed per month, scenario and attribution (pool, and tower, service, consumer when booked). */
export interface CostGroup {
  scenario: string;
  period: string;
  pool: string;
  tower: string | null;
  service: string | null;
  consumer: string | null;
  amount: string;
}

export interface AccountCost {
  scenario: string;
  period: string;
  account: string;
  amount: string;
}

export interface QuantityRow {
  driver: string;
  member: string;
  scenario: string;
  period: string;
  quantity: string;
}

export interface RuleRow {
  stage: AllocationStage;
  source: string;
  method: AllocationRule["method"];
  driver: string | null;
  targets: { member: string; percent?: string }[];
}

/** Everything the allocation run reads of a version, already summed by the database. */
export interface VersionInputs {
  members: MemberRow[];
  scenarios: string[];
  costGroups: CostGroup[];
  accountCosts: AccountCost[];
  quantities: QuantityRow[];
  rules: RuleRow[];
}

/**
 * Code-point order, the same on every database: SQL ORDER BY on text follows the server's collation,
 * and the order of equal-remainder shares must not depend on which database holds the model.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

export async function loadMembers(sql: Sql, versionId: string): Promise<MemberRow[]> {
  const members = await sql.query<MemberRow>(
    "SELECT dimension, name, parent, attributes, position FROM members WHERE version_id = $1",
    [versionId],
  );
  return members.rows.sort(
    (a, b) => compareText(a.dimension, b.dimension) || a.position - b.position || compareText(a.name, b.name),
  );
}

export async function loadScenarios(sql: Sql, versionId: string): Promise<string[]> {
  const scenarios = await sql.query<{ name: string; position: number }>(
    "SELECT name, position FROM scenarios WHERE version_id = $1",
    [versionId],
  );
  return scenarios.rows
    .sort((a, b) => a.position - b.position || compareText(a.name, b.name))
    .map((s) => s.name);
}

/** Driver quantities, duplicates of one driver, member, scenario and month summed. */
export async function loadQuantities(sql: Sql, versionId: string): Promise<QuantityRow[]> {
  const quantities = await sql.query<QuantityRow>(
    `SELECT driver, member, scenario, period, sum(quantity)::text AS quantity
       FROM driver_quantities WHERE version_id = $1
      GROUP BY driver, member, scenario, period`,
    [versionId],
  );
  return quantities.rows;
}

export async function loadVersionInputs(sql: Sql, versionId: string): Promise<VersionInputs> {
  const costGroups = await sql.query<CostGroup>(
    `SELECT scenario, period, pool, tower, service, consumer, sum(amount)::text AS amount
       FROM cost_lines WHERE version_id = $1
      GROUP BY scenario, period, pool, tower, service, consumer`,
    [versionId],
  );
  const accountCosts = await sql.query<AccountCost>(
    `SELECT scenario, period, account, sum(amount)::text AS amount
       FROM cost_lines WHERE version_id = $1 AND account IS NOT NULL
      GROUP BY scenario, period, account`,
    [versionId],
  );
  const rules = await sql.query<RuleRow>(
    "SELECT stage, source, method, driver, targets FROM allocation_rules WHERE version_id = $1 ORDER BY position, id",
    [versionId],
  );
  return {
    members: await loadMembers(sql, versionId),
    scenarios: await loadScenarios(sql, versionId),
    costGroups: costGroups.rows.sort(compareGroups),
    accountCosts: accountCosts.rows,
    quantities: await loadQuantities(sql, versionId),
    rules: rules.rows,
  };
}
