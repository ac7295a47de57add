import type { FastifyReply, FastifyRequest } from "fastify";
import type { Version } from "../../contract/api";
import { audit } from "../audit";
import type { Database, Sql } from "../db";
import { HttpError, notFound } from "../errors";

export interface VersionRow {
  id: string;
  tenantId: string;
  modelId: string;
  label: string;
  status: "draft" | "published";
  revision: number;
  basedOn: string | null;
  createdAt: Date;
  createdBy: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const VERSION_COLUMNS = `id, tenant_id AS "tenantId", model_id AS "modelId", label, status, revision,
  based_on AS "basedOn", created_at AS "createdAt", created_by AS "createdBy",
  published_at AS "publishedAt", published_by AS "publishedBy"`;

/**
 * The version with this id in the caller's tenant; 404 for an unknown id and for another tenant's
 * version alike. `forUpdate` locks the row until the transaction ends (writers queue on it).
 */
export async function loadVersion(
  sql: Sql,
  tenantId: string,
  versionId: string,
  options: { forUpdate?: boolean } = {},
): Promise<VersionRow> {
  if (!UUID.test(versionId)) throw notFound("The version");
  const result = await sql.query<VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM versions WHERE id = $1 AND tenant_id = $2${options.forUpdate ? " FOR UPDATE" : ""}`,
    [versionId, tenantId],
  );
  if (result.rows.length === 0) throw notFound("The version");
  return result.rows[0];
}

/** A published version never changes: every write to it is refused with 409. */
export function assertDraft(version: VersionRow): void {
  if (version.status !== "draft") {
    throw new HttpError(
      409,
      "version_published",
      `The version "${version.label}" is published and can no longer change; create a new draft from it to make changes`,
    );
  }
}

export function etagOf(version: Pick<VersionRow, "id" | "revision">): string {
  return `"${version.id}.${version.revision}"`;
}

function etagList(header: string): string[] {
  return header.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
}

/** 412 when the request carries If-Match and it does not name the version's current revision. */
export function checkIfMatch(request: FastifyRequest, version: VersionRow): void {
  const header = request.headers["if-match"];
  if (header === undefined) return;
  const tags = etagList(header);
  if (tags.includes("*") || tags.includes(etagOf(version))) return;
  throw new HttpError(
    412,
    "precondition_failed",
    `The version "${version.label}" has changed since you read it (it is now at revision ${version.revision}); ` +
      "load it again and repeat your change",
    { currentEtag: etagOf(version), revision: version.revision },
  );
}

/** Counts one more change of a draft; returns the new revision. */
export async function bumpRevision(tx: Sql, versionId: string): Promise<number> {
  const result = await tx.query<{ revision: number }>(
    "UPDATE versions SET revision = revision + 1 WHERE id = $1 AND status = 'draft' RETURNING revision",
    [versionId],
  );
  if (result.rows.length === 0)
    throw new HttpError(409, "version_published", "The version is no longer a draft");
  return result.rows[0].revision;
}

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

/**
 * ETag and caching of an answer about a version: a published version's content is immutable and may be
 * cached for a year; a draft's must be revalidated. Answers 304 when If-None-Match names the revision.
 */
export function sendVersioned<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  version: VersionRow,
  body: T,
): T | undefined {
  const etag = etagOf(version);
  reply.header("ETag", etag);
  reply.header(
    "Cache-Control",
    version.status === "published" ? "public, max-age=31536000, immutable" : "private, no-cache",
  );
  // A shared cache keeps one copy per token, so it never hands one tenant's answer to another.
  reply.header("Vary", "Authorization");
  const ifNoneMatch = request.headers["if-none-match"];
  if (ifNoneMatch !== undefined && etagList(ifNoneMatch).some((tag) => tag === etag || tag === "*")) {
    reply.code(304).send();
    return undefined;
  }
  return body;
}

/** The answer to a write: the new revision as body and ETag. */
export function sendWritten(
  reply: FastifyReply,
  version: VersionRow,
  revision: number,
  count: number,
): { revision: number; count: number } {
  reply.header("ETag", etagOf({ id: version.id, revision }));
  reply.header("Cache-Control", "no-store");
  return { revision, count };
}

export function toVersion(row: VersionRow): Version {
  return {
    id: row.id,
    modelId: row.modelId,
    label: row.label,
    status: row.status,
    revision: row.revision,
    basedOn: row.basedOn,
    createdAt: new Date(row.createdAt).toISOString(),
    createdBy: row.createdBy,
    publishedAt: row.publishedAt === null ? null : new Date(row.publishedAt).toISOString(),
    publishedBy: row.publishedBy,
  };
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
