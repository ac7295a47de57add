import type { FastifyRequest } from "fastify";
import type { Database, Sql } from "../db";
import { audit } from "../store/audit";
import { type VersionRow, assertDraft, bumpRevision, loadVersion } from "../store/versions";
import { checkIfMatch } from "./etag";

/**
 * The start of every write to a draft, inside its transaction: the version locked (404 for another
 * tenant's), a draft (409) and unchanged since the caller read it (If-Match, 412).
 */
export async function openDraft(tx: Sql, request: FastifyRequest, versionId: string): Promise<VersionRow> {
  const version = await loadVersion(tx, request.auth.tenantId, versionId, { forUpdate: true });
  assertDraft(version);
  checkIfMatch(request, version);
  return version;
}

export interface DraftChange<T> {
  /** The audit action, e.g. "cost_lines.add". */
  action: string;
  details: Record<string, unknown>;
  result: T;
}

/**
 * One change of a draft in one transaction: open the draft (404, 409, 412), change it, bump its
 * revision, write the audit entry. Nothing is written when any step fails.
 */
export async function changeDraft<T>(
  db: Database,
  request: FastifyRequest,
  versionId: string,
  change: (tx: Sql, version: VersionRow) => Promise<DraftChange<T>>,
): Promise<{ version: VersionRow; revision: number; result: T }> {
  return db.transaction(async (tx) => {
    const version = await openDraft(tx, request, versionId);
    const { action, details, result } = await change(tx, version);
    const revision = await bumpRevision(tx, version.id);
    const { tenantId, userId } = request.auth;
    await audit(tx, { tenantId, userId, action, targetType: "version", targetId: version.id, details });
    return { version, revision, result };
  });
}
