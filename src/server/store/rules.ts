import type { AllocationRule, AllocationStage } from "../../contract/model";
import type { Database, Sql } from "../db";
import { copyVersionRows } from "./content-copy";

/** An allocation rule as stored. */
export interface RuleRow {
  stage: AllocationStage;
  source: string;
  method: AllocationRule["method"];
  driver: string | null;
  targets: { member: string; percent?: string }[];
}

/** The rules of a version as stored, in their order. */
export async function ruleRows(sql: Sql, versionId: string): Promise<RuleRow[]> {
  const result = await sql.query<RuleRow>(
    "SELECT stage, source, method, driver, targets FROM allocation_rules WHERE version_id = $1 ORDER BY position, id",
    [versionId],
  );
  return result.rows;
}

/** A rule as the contract writes it, with a fixed key order (the backup is compared byte for byte). */
function toRule(row: RuleRow): AllocationRule {
  const rule: AllocationRule = { stage: row.stage, source: row.source, method: row.method, targets: [] };
  if (row.driver !== null) rule.driver = row.driver;
  rule.targets = row.targets.map((t) =>
    t.percent === undefined ? { member: t.member } : { member: t.member, percent: t.percent },
  );
  return rule;
}

/** The rules of a version as the contract writes them, in their order. */
export async function readRules(sql: Sql, versionId: string): Promise<AllocationRule[]> {
  return (await ruleRows(sql, versionId)).map(toRule);
}

/** Writes rules in the order given, after `deleteRules` when they replace a version's rules. */
export async function insertRules(
  db: Database,
  tx: Sql,
  versionId: string,
  rules: readonly AllocationRule[],
): Promise<void> {
  await db.copyRows(
    tx,
    "allocation_rules",
    ["version_id", "position", "stage", "source", "method", "driver", "targets"],
    rules.map((rule, i) => [
      versionId,
      i,
      rule.stage,
      rule.source,
      rule.method,
      rule.driver ?? null,
      JSON.stringify(rule.targets.map((t) => (t.percent === undefined ? { member: t.member } : t))),
    ]),
  );
}

export async function deleteRules(tx: Sql, versionId: string): Promise<void> {
  await tx.query("DELETE FROM allocation_rules WHERE version_id = $1", [versionId]);
}

/** Where a member may appear in rules: the stages it is a source of, those it is a target of, and as driver. */
export interface RuleRoles {
  sourceOf: readonly AllocationStage[];
  targetOf: readonly AllocationStage[];
  driver: boolean;
}

/** How many rules of a version name a member in one of its roles. */
export async function countRulesNaming(
  sql: Sql,
  versionId: string,
  name: string,
  roles: RuleRoles,
): Promise<number> {
  const result = await sql.query<{ n: string }>(
    `SELECT count(*) AS n FROM allocation_rules WHERE version_id = $1 AND (
       (stage = ANY($2::text[]) AND source = $4) OR
       (stage = ANY($3::text[]) AND targets @> jsonb_build_array(jsonb_build_object('member', $4::text))) OR
       ($5 AND driver = $4))`,
    [versionId, roles.sourceOf, roles.targetOf, name, roles.driver],
  );
  return Number(result.rows[0].n);
}

export function copyRules(tx: Sql, fromId: string, toId: string): Promise<void> {
  return copyVersionRows(
    tx,
    "allocation_rules",
    "position, stage, source, method, driver, targets",
    "id",
    fromId,
    toId,
  );
}
