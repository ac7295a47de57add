import type { Model } from "../../contract/api";
import type { ModelVersionDocument } from "../../contract/model";
import type { Database, Sql } from "../db";
import { HttpError } from "../errors";
import { createModel } from "../models";
import { computeVersionResults } from "../publish";
import {
  KnownNames,
  costLineProblems,
  driverQuantityProblems,
  duplicateProblems,
  hierarchyProblems,
  rejectProblems,
  ruleProblems,
} from "../references";
import { audit } from "../store/audit";
import { COST_LINES, DRIVER_QUANTITIES, insertFacts } from "../store/facts";
import { appendMembers } from "../store/members";
import { findModelByName } from "../store/models";
import { insertRules } from "../store/rules";
import { insertScenarios } from "../store/scenarios";
import { type VersionRow, insertVersion, markRestoredPublished, versionById } from "../store/versions";

export interface Restored {
  model: Model;
  version: VersionRow;
}

/** The newest published version is the one read as "latest", so a publication date cannot lie ahead. */
function checkPublishedAt(doc: ModelVersionDocument): void {
  const publishedAt = doc.version.publishedAt;
  if (publishedAt !== null && Date.parse(publishedAt) > Date.now()) {
    throw new HttpError(
      400,
      "validation",
      `version.publishedAt (${publishedAt}) is later than now: a version cannot have been published in the future`,
      [{ in: "body", path: "version.publishedAt", message: "must not be later than now" }],
    );
  }
}

/** Everything a document refers to must be in it: 422 listing what is not, before anything is written. */
function checkDocument(doc: ModelVersionDocument): void {
  checkPublishedAt(doc);
  const known = new KnownNames(
    doc.members,
    doc.scenarios.map((s) => s.name),
  );
  rejectProblems([
    ...duplicateProblems(
      doc.members,
      (m) => `${m.dimension}\u0000${m.name}`,
      (m) => `the ${m.dimension} "${m.name}"`,
      "members",
    ),
    ...duplicateProblems(
      doc.scenarios,
      (s) => s.name,
      (s) => `the scenario "${s.name}"`,
      "scenarios",
    ),
    ...hierarchyProblems(doc.members),
    ...costLineProblems(doc.costLines, known),
    ...driverQuantityProblems(doc.driverQuantities, known),
    ...ruleProblems(doc.rules, known),
  ]);
}

async function modelFor(
  tx: Sql,
  tenantId: string,
  doc: ModelVersionDocument,
  userId: string | null,
): Promise<Model> {
  const existing = await findModelByName(tx, tenantId, doc.model.name);
  if (existing === undefined) return createModel(tx, tenantId, doc.model, userId);
  if (
    existing.currency !== doc.model.currency ||
    existing.fiscalYearStartMonth !== doc.model.fiscalYearStartMonth
  ) {
    throw new HttpError(
      409,
      "conflict",
      `The model "${existing.name}" exists in ${existing.currency} with fiscal years starting in month ` +
        `${existing.fiscalYearStartMonth}; the document is in ${doc.model.currency} starting in month ${doc.model.fiscalYearStartMonth}`,
    );
  }
  return existing;
}

/**
 * Restores a document inside the caller's transaction: the model (created when the tenant has none of
 * that name) and a new version with the document's label and content. A published document is restored
 * published, with its allocation results and unit rates computed again (they are not in the document).
 */
export async function restoreInTransaction(
  db: Database,
  tx: Sql,
  tenantId: string,
  doc: ModelVersionDocument,
  userId: string | null,
): Promise<Restored> {
  checkDocument(doc);
  const model = await modelFor(tx, tenantId, doc, userId);
  const created = await insertVersion(tx, {
    tenantId,
    modelId: model.id,
    label: doc.version.label,
    basedOn: null,
    userId,
  });
  const versionId = created.id;
  await appendMembers(db, tx, versionId, doc.members);
  await insertScenarios(db, tx, versionId, doc.scenarios);
  await insertFacts(db, tx, COST_LINES, versionId, doc.costLines);
  await insertFacts(db, tx, DRIVER_QUANTITIES, versionId, doc.driverQuantities);
  await insertRules(db, tx, versionId, doc.rules);
  if (doc.version.status === "published") {
    await computeVersionResults(tx, db, versionId);
    await markRestoredPublished(tx, versionId, doc.version.publishedAt, userId);
  }
  await audit(tx, {
    tenantId,
    userId,
    action: "version.restore",
    targetType: "version",
    targetId: versionId,
    details: {
      model: model.name,
      label: doc.version.label,
      status: doc.version.status,
      members: doc.members.length,
      costLines: doc.costLines.length,
      driverQuantities: doc.driverQuantities.length,
      rules: doc.rules.length,
    },
  });
  return { model, version: await versionById(tx, versionId) };
}

/** Restores a backup document in its own transaction: all of it or nothing. */
export function restoreDocument(
  db: Database,
  tenantId: string,
  doc: ModelVersionDocument,
  userId: string | null,
): Promise<Restored> {
  return db.transaction((tx) => restoreInTransaction(db, tx, tenantId, doc, userId));
}
