import type { Version } from "../../contract/api";
import type { Sql } from "../db";
import { HttpError, notFound } from "../errors";
import { isoTimestamp } from "./timestamps";

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

const VERSION_COLUMNS = `id, tenant_id AS "tenantId", model_id AS "modelId", label, status, revision,
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

/** A version by id alone, for code that has just written it in this transaction. */
export async function versionById(sql: Sql, versionId: string): Promise<VersionRow> {
  const result = await sql.query<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM versions WHERE id = $1`, [
    versionId,
  ]);
  return result.rows[0];
}

/** The label of a version, or undefined when there is none with this id. */
export async function versionLabel(sql: Sql, versionId: string): Promise<string | undefined> {
  const result = await sql.query<{ label: string }>("SELECT label FROM versions WHERE id = $1", [versionId]);
  return result.rows[0]?.label;
}

export async function listVersions(sql: Sql, tenantId: string, modelId: string): Promise<VersionRow[]> {
  const result = await sql.query<VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM versions WHERE tenant_id = $1 AND model_id = $2 ORDER BY created_at, label`,
    [tenantId, modelId],
  );
  return result.rows;
}

/** A new draft; 409 when the model already has a version with this label. */
export async function insertVersion(
  tx: Sql,
  args: { tenantId: string; modelId: string; label: string; basedOn: string | null; userId: string | null },
): Promise<VersionRow> {
  const taken = await tx.query("SELECT 1 FROM versions WHERE model_id = $1 AND label = $2", [
    args.modelId,
    args.label,
  ]);
  if (taken.rows.length > 0) {
    throw new HttpError(409, "conflict", `The model already has a version labelled "${args.label}"`);
  }
  const result = await tx.query<VersionRow>(
    `INSERT INTO versions (tenant_id, model_id, label, based_on, created_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING ${VERSION_COLUMNS}`,
    [args.tenantId, args.modelId, args.label, args.basedOn, args.userId],
  );
  return result.rows[0];
}

/** The labels of the published versions copied from this one, in label order. */
export async function publishedCopyLabels(tx: Sql, versionId: string): Promise<string[]> {
  const copies = await tx.query<{ label: string }>(
    "SELECT label FROM versions WHERE based_on = $1 AND status = 'published' ORDER BY label",
    [versionId],
  );
  return copies.rows.map((row) => row.label);
}

/** Deletes a version and its content; the versions copied from it only lose the link. */
export async function deleteVersion(tx: Sql, tenantId: string, versionId: string): Promise<void> {
  await tx.query("UPDATE versions SET based_on = NULL WHERE based_on = $1 AND tenant_id = $2", [
    versionId,
    tenantId,
  ]);
  await tx.query("DELETE FROM versions WHERE id = $1 AND tenant_id = $2", [versionId, tenantId]);
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

/** Marks a draft published now, by `userId`; publishing counts as a change, so the revision goes up. */
export async function markPublished(
  tx: Sql,
  versionId: string,
  userId: string,
): Promise<{ publishedAt: string; revision: number }> {
  const result = await tx.query<{ published_at: Date | string; revision: number }>(
    `UPDATE versions SET status = 'published', published_at = now(), published_by = $2, revision = revision + 1
      WHERE id = $1 RETURNING published_at, revision`,
    [versionId, userId],
  );
  const row = result.rows[0];
  return { publishedAt: isoTimestamp(row.published_at), revision: Number(row.revision) };
}

/** Marks a restored version published at the document's date (now when it has none). */
export async function markRestoredPublished(
  tx: Sql,
  versionId: string,
  publishedAt: string | null,
  userId: string | null,
): Promise<void> {
  await tx.query(
    `UPDATE versions SET status = 'published', published_at = coalesce($2::timestamptz, now()), published_by = $3
      WHERE id = $1`,
    [versionId, publishedAt, userId],
  );
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

export function toVersion(row: VersionRow): Version {
  return {
    id: row.id,
    modelId: row.modelId,
    label: row.label,
    status: row.status,
    revision: row.revision,
    basedOn: row.basedOn,
    createdAt: isoTimestamp(row.createdAt),
    createdBy: row.createdBy,
    publishedAt: isoTimestamp(row.publishedAt),
    publishedBy: row.publishedBy,
  };
}
