import type { Sql } from "./db";

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
