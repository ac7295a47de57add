import type { Database, Sql } from "../db";
import type { AllocationRow, ComputedResults } from "../publish/compute";
import { compareText } from "./order";

/** Replaces a version's stored results (derived data) by `results`, in bulk, inside the caller's transaction. */
export async function storeResults(
  tx: Sql,
  db: Database,
  versionId: string,
  results: ComputedResults,
): Promise<void> {
  for (const table of ["member_costs", "allocation_results", "unit_rates"]) {
    await tx.query(`DELETE FROM ${table} WHERE version_id = $1`, [versionId]);
  }
  await db.copyRows(
    tx,
    "member_costs",
    ["version_id", "dimension", "member", "period", "scenario", "amount"],
    results.memberCosts.map((r) => [versionId, r.dimension, r.member, r.period, r.scenario, r.amount]),
  );
  // Every row refers to the version this transaction holds, and the embedded database has a single
  // connection, so nothing can remove it meanwhile: checking that reference row by row would add a
  // third to the largest write of a publish. Triggers are off for this one insert only (the embedded
  // database always runs as its superuser, which this setting needs).
  const skipReferenceChecks = db.kind === "pglite";
  if (skipReferenceChecks) await tx.query("SET LOCAL session_replication_role = replica");
  await db.copyRows(
    tx,
    "allocation_results",
    ["version_id", "dimension", "member", "consumer", "period", "scenario", "amount"],
    inKeyOrder(results.allocations).map((r) => [
      versionId,
      r.dimension,
      r.member,
      r.consumer,
      r.period,
      r.scenario,
      r.amount,
    ]),
  );
  if (skipReferenceChecks) await tx.query("SET LOCAL session_replication_role = DEFAULT");
  await db.copyRows(
    tx,
    "unit_rates",
    ["version_id", "service", "period", "scenario", "cost", "quantity"],
    results.unitRates.map((r) => [versionId, r.service, r.period, r.scenario, r.cost, r.quantity]),
  );
}

/** Code-point ranks of the distinct values of one column. */
function ranks(values: Iterable<string>): Map<string, number> {
  return new Map([...new Set(values)].sort(compareText).map((value, rank) => [value, rank]));
}

/**
 * The rows in the order of the table's primary key (dimension, member, consumer, scenario, period):
 * each new index entry then lands at the end of the index, which makes a large insert markedly
 * faster. Sorting numbers is far quicker than comparing the texts of some 300,000 rows.
 */
function inKeyOrder(rows: readonly AllocationRow[]): AllocationRow[] {
  const members = ranks(rows.map((r) => `${r.dimension}\u0000${r.member}`));
  const consumers = ranks(rows.map((r) => r.consumer));
  const months = ranks(rows.map((r) => `${r.scenario}\u0000${r.period}`));
  const keys = rows.map(
    (r) =>
      ((members.get(`${r.dimension}\u0000${r.member}`) as number) * consumers.size +
        (consumers.get(r.consumer) as number)) *
        months.size +
      (months.get(`${r.scenario}\u0000${r.period}`) as number),
  );
  return rows
    .map((_, i) => i)
    .sort((a, b) => keys[a] - keys[b])
    .map((i) => rows[i]);
}

/** The results stored when a version was published, in no particular order. */
export async function readResults(sql: Sql, versionId: string): Promise<ComputedResults> {
  const memberCosts = await sql.query<ComputedResults["memberCosts"][number]>(
    "SELECT dimension, member, scenario, period, amount::text AS amount FROM member_costs WHERE version_id = $1",
    [versionId],
  );
  const allocations = await sql.query<AllocationRow>(
    `SELECT dimension, member, consumer, scenario, period, amount::text AS amount
       FROM allocation_results WHERE version_id = $1`,
    [versionId],
  );
  const unitRates = await sql.query<ComputedResults["unitRates"][number]>(
    `SELECT service, scenario, period, cost::text AS cost, quantity::text AS quantity
       FROM unit_rates WHERE version_id = $1`,
    [versionId],
  );
  return { memberCosts: memberCosts.rows, allocations: allocations.rows, unitRates: unitRates.rows };
}
