import type { Sql } from "./db";
import { HttpError } from "./errors";
import { audit } from "./store/audit";
import { copyFacts } from "./store/facts";
import { copyMembers } from "./store/members";
import { loadModel } from "./store/models";
import { copyRules } from "./store/rules";
import { copyScenarios } from "./store/scenarios";
import {
  type VersionRow,
  deleteVersion,
  insertVersion,
  loadVersion,
  publishedCopyLabels,
} from "./store/versions";

/** Who changes a version: the tenant it belongs to and the acting user. */
export interface VersionActor {
  tenantId: string;
  userId: string;
}

/**
 * Creates a draft of a model in the caller's transaction, empty or starting with the members,
 * scenarios, facts and rules of `copyFrom` (a version of the same model), and writes its audit entry.
 */
export async function createDraft(
  tx: Sql,
  { tenantId, userId }: VersionActor,
  args: { modelId: string; label: string; copyFrom?: string },
): Promise<VersionRow> {
  const model = await loadModel(tx, tenantId, args.modelId);
  const source = args.copyFrom === undefined ? null : await loadVersion(tx, tenantId, args.copyFrom);
  if (source !== null && source.modelId !== model.id) {
    throw new HttpError(400, "validation", "copyFrom must be a version of the same model");
  }
  const version = await insertVersion(tx, {
    tenantId,
    modelId: model.id,
    label: args.label,
    basedOn: source?.id ?? null,
    userId,
  });
  if (source !== null) {
    await copyMembers(tx, source.id, version.id);
    await copyScenarios(tx, source.id, version.id);
    await copyFacts(tx, source.id, version.id);
    await copyRules(tx, source.id, version.id);
  }
  await audit(tx, {
    tenantId,
    userId,
    action: "version.create",
    targetType: "version",
    targetId: version.id,
    details: { model: model.name, label: args.label, copiedFrom: source?.label ?? null },
  });
  return version;
}

/** A published version never changes, not even its link to the draft it was copied from. */
async function refuseIfPublishedCopiesExist(tx: Sql, draft: VersionRow): Promise<void> {
  const copies = await publishedCopyLabels(tx, draft.id);
  if (copies.length === 0) return;
  const labels = copies.map((label) => `"${label}"`).join(", ");
  throw new HttpError(
    409,
    "conflict",
    `The draft "${draft.label}" cannot be deleted: the published version${copies.length > 1 ? "s" : ""} ` +
      `${labels} ${copies.length > 1 ? "were" : "was"} copied from it and must keep that record`,
  );
}

/**
 * Deletes an opened (locked) draft and its content in the caller's transaction, and writes its audit
 * entry. Drafts copied from it only lose the link; their content is their own.
 */
export async function deleteDraft(
  tx: Sql,
  { tenantId, userId }: VersionActor,
  draft: VersionRow,
): Promise<void> {
  await refuseIfPublishedCopiesExist(tx, draft);
  await deleteVersion(tx, tenantId, draft.id);
  await audit(tx, {
    tenantId,
    userId,
    action: "version.delete",
    targetType: "version",
    targetId: draft.id,
    details: { label: draft.label, revision: draft.revision },
  });
}
