import type { CostLine, Dimension, DriverQuantity } from "../../contract/model";
import type { Database, Sql } from "../db";
import { copyVersionRows } from "./content-copy";
import { VISIBLE_FACT } from "./imports";

/** A fact table: its name and the columns of a fact, in the contract's key order. */
export interface FactTable<Fact> {
  table: "cost_lines" | "driver_quantities";
  columns: readonly (keyof Fact & string)[];
}

export const COST_LINES: FactTable<CostLine> = {
  table: "cost_lines",
  columns: ["pool", "account", "tower", "service", "consumer", "period", "scenario", "amount", "description"],
};

export const DRIVER_QUANTITIES: FactTable<DriverQuantity> = {
  table: "driver_quantities",
  columns: ["driver", "member", "period", "scenario", "quantity"],
};

type FactRow = Record<string, string | null>;

/** A stored fact as the contract writes it: absent optional fields are left out, not null. */
function toFact<Fact>(facts: FactTable<Fact>, row: FactRow): Fact {
  const fact: Record<string, string> = {};
  for (const column of facts.columns) {
    const value = row[column];
    if (value !== null) fact[column] = value;
  }
  return fact as unknown as Fact;
}

/** Adds facts to a version in bulk; `importId` links them to the import that brought them. */
export async function insertFacts<Fact>(
  db: Database,
  tx: Sql,
  facts: FactTable<Fact>,
  versionId: string,
  rows: readonly Fact[],
  importId: string | null = null,
): Promise<void> {
  await db.copyRows(
    tx,
    facts.table,
    ["version_id", ...facts.columns, "import_id"],
    rows.map((fact) => [versionId, ...facts.columns.map((c) => fact[c] ?? null), importId]),
  );
}

export interface PageFilter {
  limit: number;
  after?: string;
  scenario?: string;
  period?: string;
}

/** One page of facts in insertion order; `next` continues after its last row. */
export async function readFactPage<Fact>(
  sql: Sql,
  facts: FactTable<Fact>,
  versionId: string,
  filter: PageFilter,
): Promise<{ rows: ({ id: string } & Fact)[]; next: string | null }> {
  const result = await sql.query<FactRow & { id: string }>(
    `SELECT id, ${facts.columns.join(", ")} FROM ${facts.table}
      WHERE version_id = $1 AND id > $2::bigint AND ${VISIBLE_FACT}
        AND ($3::text IS NULL OR scenario = $3) AND ($4::text IS NULL OR period = $4)
      ORDER BY id LIMIT $5`,
    [versionId, filter.after ?? "0", filter.scenario ?? null, filter.period ?? null, filter.limit + 1],
  );
  const page = result.rows.slice(0, filter.limit);
  const next = result.rows.length > filter.limit ? page[page.length - 1].id : null;
  return { rows: page.map((row) => ({ id: row.id, ...toFact(facts, row) })), next };
}

/** Every fact of a version, in the order they were added. */
export async function readFacts<Fact>(sql: Sql, facts: FactTable<Fact>, versionId: string): Promise<Fact[]> {
  const result = await sql.query<FactRow>(
    `SELECT ${facts.columns.join(", ")} FROM ${facts.table} WHERE version_id = $1 AND ${VISIBLE_FACT} ORDER BY id`,
    [versionId],
  );
  return result.rows.map((row) => toFact(facts, row));
}

export async function copyFacts(tx: Sql, fromId: string, toId: string): Promise<void> {
  for (const facts of [COST_LINES, DRIVER_QUANTITIES] as FactTable<unknown>[]) {
    await copyVersionRows(tx, facts.table, facts.columns.join(", "), "id", fromId, toId, VISIBLE_FACT);
  }
}

const COST_LINE_COLUMN: Partial<Record<Dimension, string>> = {
  pool: "pool",
  account: "account",
  tower: "tower",
  service: "service",
  consumer: "consumer",
};

async function count(sql: Sql, text: string, params: unknown[]): Promise<number> {
  return Number((await sql.query<{ n: string }>(text, params)).rows[0].n);
}

/**
 * How many cost lines and driver quantities of a version name a member, counting those of imports
 * still running: a member they name cannot be deleted under them.
 */
export async function countFactsNaming(
  sql: Sql,
  versionId: string,
  dimension: Dimension,
  name: string,
): Promise<{ costLines: number; driverQuantities: number }> {
  const column = COST_LINE_COLUMN[dimension];
  const costLines =
    column === undefined
      ? 0
      : await count(sql, `SELECT count(*) AS n FROM cost_lines WHERE version_id = $1 AND ${column} = $2`, [
          versionId,
          name,
        ]);
  const quantityColumn =
    dimension === "driver"
      ? "driver"
      : ["tower", "service", "consumer"].includes(dimension)
        ? "member"
        : null;
  const driverQuantities =
    quantityColumn === null
      ? 0
      : await count(
          sql,
          `SELECT count(*) AS n FROM driver_quantities WHERE version_id = $1 AND ${quantityColumn} = $2`,
          [versionId, name],
        );
  return { costLines, driverQuantities };
}

/** How many cost lines and driver quantities of a version are in a scenario. */
export function countFactsInScenario(sql: Sql, versionId: string, scenario: string): Promise<number> {
  return count(
    sql,
    `SELECT (SELECT count(*) FROM cost_lines WHERE version_id = $1 AND scenario = $2)
        + (SELECT count(*) FROM driver_quantities WHERE version_id = $1 AND scenario = $2) AS n`,
    [versionId, scenario],
  );
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

/** The cost lines of a version summed by the database, in no particular order. */
export async function costGroups(sql: Sql, versionId: string): Promise<CostGroup[]> {
  const groups = await sql.query<CostGroup>(
    `SELECT scenario, period, pool, tower, service, consumer, sum(amount)::text AS amount
       FROM cost_lines WHERE version_id = $1 AND ${VISIBLE_FACT}
      GROUP BY scenario, period, pool, tower, service, consumer`,
    [versionId],
  );
  return groups.rows;
}

/** The cost lines booked to GL accounts, summed per account, scenario and month. */
export async function accountCosts(sql: Sql, versionId: string): Promise<AccountCost[]> {
  const costs = await sql.query<AccountCost>(
    `SELECT scenario, period, account, sum(amount)::text AS amount
       FROM cost_lines WHERE version_id = $1 AND account IS NOT NULL AND ${VISIBLE_FACT}
      GROUP BY scenario, period, account`,
    [versionId],
  );
  return costs.rows;
}

/** Driver quantities, duplicates of one driver, member, scenario and month summed. */
export async function summedQuantities(sql: Sql, versionId: string): Promise<QuantityRow[]> {
  const quantities = await sql.query<QuantityRow>(
    `SELECT driver, member, scenario, period, sum(quantity)::text AS quantity
       FROM driver_quantities WHERE version_id = $1 AND ${VISIBLE_FACT}
      GROUP BY driver, member, scenario, period`,
    [versionId],
  );
  return quantities.rows;
}

/** The months with cost lines or driver quantities, in no particular order. */
export async function monthsWithFacts(sql: Sql, versionId: string): Promise<string[]> {
  const months = await sql.query<{ period: string }>(
    `SELECT period FROM cost_lines WHERE version_id = $1 AND ${VISIBLE_FACT}
      UNION SELECT period FROM driver_quantities WHERE version_id = $1 AND ${VISIBLE_FACT}`,
    [versionId],
  );
  return months.rows.map((r) => r.period);
}
