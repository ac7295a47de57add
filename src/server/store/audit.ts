import type { Sql } from "../db";
import { isoTimestamp } from "./timestamps";

export interface AuditEntry {
  tenantId: string | null;
  /** The acting user; null for the administration command line. */
  userId: string | null;
  /** What happened, e.g. "cost_lines.add", "token.revoke". */
  action: string;
  targetType: string;
  targetId: string | null;
  details?: Record<string, unknown>;
}

/** Appends one entry to the audit log, inside the transaction of the change it records. */
export async function audit(tx: Sql, entry: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (tenant_id, user_id, action, target_type, target_id, details)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [
      entry.tenantId,
      entry.userId,
      entry.action,
      entry.targetType,
      entry.targetId,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

export interface AuditRecord {
  id: string;
  at: string;
  userId: string | null;
  userEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
}

interface AuditRow {
  id: string;
  at: Date;
  user_id: string | null;
  user_email: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  details: Record<string, unknown>;
}

/** One page of a tenant's audit log, newest first; `next` continues with the entries before its last. */
export async function readAuditPage(
  sql: Sql,
  tenantId: string,
  page: { limit: number; before?: string },
): Promise<{ entries: AuditRecord[]; next: string | null }> {
  const { limit, before } = page;
  const result = await sql.query<AuditRow>(
    `SELECT a.id, a.at, a.user_id, u.email AS user_email, a.action, a.target_type, a.target_id, a.details
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
      WHERE a.tenant_id = $1 AND ($2::bigint IS NULL OR a.id < $2::bigint)
      ORDER BY a.id DESC LIMIT $3`,
    [tenantId, before ?? null, limit + 1],
  );
  const rows = result.rows.slice(0, limit);
  return {
    entries: rows.map((row) => ({
      id: row.id,
      at: isoTimestamp(row.at),
      userId: row.user_id,
      userEmail: row.user_email,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      details: row.details,
    })),
    next: result.rows.length > limit ? rows[rows.length - 1].id : null,
  };
}
