import { setImmediate as pause } from "node:timers/promises";
import type { Sql } from "../db";
import { isoTimestamp } from "./timestamps";

/**
 * An import file on its way into a draft. Its rows are written batch by batch while the file is read,
 * and stay invisible to every reader (see VISIBLE_FACT) until the import commits, which changes one
 * row of this table; a rejected or abandoned import's rows are deleted.
 */
export type ImportStatus = "running" | "discarding" | "committed";

export interface ImportRecord {
  id: string;
  versionId: string;
  kind: string;
  filename: string;
  status: ImportStatus;
  bytesTotal: number | null;
  bytesRead: number;
  rowsRead: number;
  rowsWritten: number;
  badRows: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The condition on a fact row (of cost_lines or driver_quantities) that its import, if any, committed. */
export const VISIBLE_FACT =
  "(import_id IS NULL OR import_id NOT IN (SELECT id FROM imports WHERE status <> 'committed'))";

const COLUMNS = `id, version_id AS "versionId", kind, filename, status, bytes_total AS "bytesTotal",
  bytes_read AS "bytesRead", rows_read AS "rowsRead", row_count AS "rowsWritten", bad_rows AS "badRows",
  created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"`;

type ImportRow = Omit<ImportRecord, "createdAt" | "updatedAt" | "bytesTotal" | "bytesRead"> & {
  bytesTotal: string | null;
  bytesRead: string;
  createdAt: Date | string;
  updatedAt: Date | string;
};

function toRecord(row: ImportRow): ImportRecord {
  return {
    ...row,
    bytesTotal: row.bytesTotal === null ? null : Number(row.bytesTotal),
    bytesRead: Number(row.bytesRead),
    createdAt: isoTimestamp(row.createdAt),
    updatedAt: isoTimestamp(row.updatedAt),
  };
}

/** Starts an import; `id` may be chosen by the caller (to follow its progress), else one is made. */
export async function startImport(
  sql: Sql,
  args: {
    id?: string;
    tenantId: string;
    versionId: string;
    kind: string;
    filename: string;
    bytesTotal: number | null;
    userId: string;
  },
): Promise<string> {
  const inserted = await sql.query<{ id: string }>(
    `INSERT INTO imports (id, tenant_id, version_id, kind, filename, row_count, status, bytes_total, created_by)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, 0, 'running', $6, $7) RETURNING id`,
    [args.id ?? null, args.tenantId, args.versionId, args.kind, args.filename, args.bytesTotal, args.userId],
  );
  return inserted.rows[0].id;
}

/** How far a running import has got: bytes and rows read, rows written, rows with errors. */
export async function recordProgress(
  sql: Sql,
  importId: string,
  progress: { bytesRead: number; rowsRead: number; rowsWritten: number; badRows: number },
): Promise<void> {
  await sql.query(
    `UPDATE imports SET bytes_read = $2, rows_read = $3, row_count = $4, bad_rows = $5, updated_at = now()
      WHERE id = $1 AND status = 'running'`,
    [importId, progress.bytesRead, progress.rowsRead, progress.rowsWritten, progress.badRows],
  );
}

/** Makes an import's rows part of its version (inside the change's transaction). */
export async function commitImport(tx: Sql, importId: string, rowsWritten: number): Promise<boolean> {
  const updated = await tx.query(
    `UPDATE imports SET status = 'committed', row_count = $2, updated_at = now()
      WHERE id = $1 AND status = 'running' RETURNING id`,
    [importId, rowsWritten],
  );
  return updated.rows.length === 1;
}

/**
 * Deletes an import that will not commit and its rows, a batch at a time (each in its own short
 * statement, so that other requests go on meanwhile); the rows are invisible from the first step.
 */
export async function discardImport(sql: Sql, importId: string, batch = 20_000): Promise<void> {
  await sql.query("UPDATE imports SET status = 'discarding', updated_at = now() WHERE id = $1", [importId]);
  for (const table of ["cost_lines", "driver_quantities"]) {
    for (;;) {
      const deleted = await sql.query<{ n: string }>(
        `WITH gone AS (DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE import_id = $1 LIMIT $2)
           RETURNING 1) SELECT count(*) AS n FROM gone`,
        [importId, batch],
      );
      if (Number(deleted.rows[0].n) < batch) break;
      await pause();
    }
  }
  await sql.query("DELETE FROM imports WHERE id = $1 AND status = 'discarding'", [importId]);
}

/** Imports that stopped without committing (their process ended) and have not moved for `idleSeconds`. */
export async function abandonedImports(sql: Sql, idleSeconds: number): Promise<string[]> {
  const found = await sql.query<{ id: string }>(
    `SELECT id FROM imports WHERE status <> 'committed' AND updated_at < now() - make_interval(secs => $1)`,
    [idleSeconds],
  );
  return found.rows.map((r) => r.id);
}

/** An import of the tenant, or undefined. */
export async function findImport(
  sql: Sql,
  tenantId: string,
  importId: string,
): Promise<ImportRecord | undefined> {
  const found = await sql.query<ImportRow>(
    `SELECT ${COLUMNS} FROM imports WHERE id = $1 AND tenant_id = $2`,
    [importId, tenantId],
  );
  return found.rows.length === 0 ? undefined : toRecord(found.rows[0]);
}

/** What undoing an import removed: its rows, by table. */
export interface UndoneImport {
  filename: string;
  kind: string;
  costLines: number;
  driverQuantities: number;
}

/**
 * Removes a committed import of `versionId` from it (inside the draft change's transaction): exactly
 * the rows it wrote into this version, then its record. Undefined when the version has no such import;
 * "running" when it has not committed (it is read or discarded on its own).
 */
export async function undoImport(
  tx: Sql,
  versionId: string,
  importId: string,
): Promise<UndoneImport | "running" | undefined> {
  const found = await tx.query<{ status: ImportStatus; filename: string; kind: string }>(
    "SELECT status, filename, kind FROM imports WHERE id = $1 AND version_id = $2 FOR UPDATE",
    [importId, versionId],
  );
  if (found.rows.length === 0) return undefined;
  const { status, filename, kind } = found.rows[0];
  if (status !== "committed") return "running";
  const removed = async (table: string) => {
    const deleted = await tx.query<{ n: string }>(
      `WITH gone AS (DELETE FROM ${table} WHERE version_id = $1 AND import_id = $2 RETURNING 1)
       SELECT count(*) AS n FROM gone`,
      [versionId, importId],
    );
    return Number(deleted.rows[0].n);
  };
  const costLines = await removed("cost_lines");
  const driverQuantities = await removed("driver_quantities");
  await tx.query("DELETE FROM imports WHERE id = $1", [importId]);
  return { filename, kind, costLines, driverQuantities };
}

/** The scenario-months an import's rows are in, as "scenario period" keys. */
export async function scenarioMonthsOfImport(sql: Sql, importId: string): Promise<Set<string>> {
  const months = await sql.query<{ scenario: string; period: string }>(
    `SELECT scenario, period FROM cost_lines WHERE import_id = $1
      UNION SELECT scenario, period FROM driver_quantities WHERE import_id = $1`,
    [importId],
  );
  return new Set(months.rows.map((r) => `${r.scenario} ${r.period}`));
}

/** The months the version holds besides an import's rows, in order. */
export async function monthsBesideImport(sql: Sql, versionId: string, importId: string): Promise<string[]> {
  const others = await sql.query<{ period: string }>(
    `SELECT period FROM cost_lines WHERE version_id = $1 AND import_id IS DISTINCT FROM $2 AND ${VISIBLE_FACT}
      UNION SELECT period FROM driver_quantities
        WHERE version_id = $1 AND import_id IS DISTINCT FROM $2 AND ${VISIBLE_FACT}
      ORDER BY period`,
    [versionId, importId],
  );
  return others.rows.map((r) => r.period);
}
