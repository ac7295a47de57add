import type { Database, Sql } from "../db";
import { copyVersionRows } from "./content-copy";

/** The scenarios of a version in the order the API lists them. */
export async function readScenarios(sql: Sql, versionId: string): Promise<{ name: string }[]> {
  const result = await sql.query<{ name: string }>(
    "SELECT name FROM scenarios WHERE version_id = $1 ORDER BY position, name",
    [versionId],
  );
  return result.rows;
}

/** Every scenario of a version with its position, in no particular order. */
export async function scenarioRows(
  sql: Sql,
  versionId: string,
): Promise<{ name: string; position: number }[]> {
  const scenarios = await sql.query<{ name: string; position: number }>(
    "SELECT name, position FROM scenarios WHERE version_id = $1",
    [versionId],
  );
  return scenarios.rows;
}

export async function scenarioNames(sql: Sql, versionId: string): Promise<string[]> {
  const scenarios = await sql.query<{ name: string }>("SELECT name FROM scenarios WHERE version_id = $1", [
    versionId,
  ]);
  return scenarios.rows.map((s) => s.name);
}

/** Adds the scenarios the version lacks, after its others; returns the names added. */
export async function addScenarios(tx: Sql, versionId: string, names: readonly string[]): Promise<string[]> {
  const added = await tx.query<{ name: string }>(
    `INSERT INTO scenarios (version_id, name, position)
     SELECT $1, n.name, (SELECT coalesce(max(position), -1) FROM scenarios WHERE version_id = $1) + n.ord
       FROM unnest($2::text[]) WITH ORDINALITY AS n(name, ord)
     ON CONFLICT (version_id, name) DO NOTHING RETURNING name`,
    [versionId, names],
  );
  return added.rows.map((r) => r.name);
}

/** The scenarios of a new version, in bulk, in the order given. */
export async function insertScenarios(
  db: Database,
  tx: Sql,
  versionId: string,
  scenarios: readonly { name: string }[],
): Promise<void> {
  await db.copyRows(
    tx,
    "scenarios",
    ["version_id", "name", "position"],
    scenarios.map((s, i) => [versionId, s.name, i]),
  );
}

/** Deletes one scenario; false when the version has no such scenario. */
export async function deleteScenario(tx: Sql, versionId: string, name: string): Promise<boolean> {
  const deleted = await tx.query("DELETE FROM scenarios WHERE version_id = $1 AND name = $2 RETURNING name", [
    versionId,
    name,
  ]);
  return deleted.rows.length > 0;
}

export function copyScenarios(tx: Sql, fromId: string, toId: string): Promise<void> {
  return copyVersionRows(tx, "scenarios", "name, position", "name", fromId, toId);
}
