import type { FastifyReply, FastifyRequest } from "fastify";
import type { WriteResult } from "../../contract/api";
import type { Database, Sql } from "../db";
import { audit } from "../store/audit";
import { type VersionRow, assertDraft, bumpRevision, loadVersion } from "../store/versions";
import { checkIfMatch, sendVersioned, sendWritten } from "./etag";

/** Reading and changing one version on behalf of the caller, as every route about a version does. */

/**
 * An answer about a version of the caller's tenant (404 for an unknown id and another tenant's alike):
 * its revision is the ETag, and If-None-Match naming it gets 304.
 */
export async function answerAboutVersion<T>(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  versionId: string,
  answer: (version: VersionRow) => T | Promise<T>,
): Promise<T | undefined> {
  const version = await loadVersion(db, request.auth.tenantId, versionId);
  return sendVersioned(request, reply, version, await answer(version));
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

/** A write to a draft inside its transaction: what it audits and how many things it wrote. */
export type DraftWrite = (
  tx: Sql,
  version: VersionRow,
) => Promise<{ action: string; details: Record<string, unknown>; count: number }>;

/** A change of a draft whose answer is its new revision and how many things it wrote. */
export async function writeDraft(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  versionId: string,
  change: DraftWrite,
): Promise<WriteResult> {
  const { version, revision, result } = await changeDraft(db, request, versionId, async (tx, v) => {
    const { action, details, count } = await change(tx, v);
    return { action, details, result: count };
  });
  return sendWritten(reply, version, revision, result);
}
