import type { Sql } from "../db";

/**
 * Copies one table's rows of a version to another version, in `order` (rows with their own ids get new
 * ones in that order), those that meet `condition`. Table, columns, order and condition are the
 * calling repository's constants, never input.
 */
export async function copyVersionRows(
  tx: Sql,
  table: string,
  columns: string,
  order: string,
  fromId: string,
  toId: string,
  condition = "TRUE",
): Promise<void> {
  await tx.query(
    `INSERT INTO ${table} (version_id, ${columns}) SELECT $1, ${columns} FROM ${table}
      WHERE version_id = $2 AND ${condition} ORDER BY ${order}`,
    [toId, fromId],
  );
}
