import type { FastifyInstance } from "fastify";
import { CreateVersion, ModelParams, Version, VersionList, VersionParams } from "../../contract/api";
import { requireRole } from "../auth";
import type { Sql } from "../db";
import { HttpError } from "../errors";
import { audit } from "../store/audit";
import { copyFacts } from "../store/facts";
import { copyMembers } from "../store/members";
import { loadModel } from "../store/models";
import { copyRules } from "../store/rules";
import { copyScenarios } from "../store/scenarios";
import {
  type VersionRow,
  deleteVersion,
  insertVersion,
  listVersions,
  loadVersion,
  publishedCopyLabels,
  toVersion,
} from "../store/versions";
import { etagOf } from "./etag";
import type { ZodTypeProvider } from "./schema";
import { answerAboutVersion, openDraft } from "./version-access";

/** A new draft starts with the members, scenarios, facts and rules of the version it is copied from. */
async function copyContent(tx: Sql, fromId: string, toId: string): Promise<void> {
  await copyMembers(tx, fromId, toId);
  await copyScenarios(tx, fromId, toId);
  await copyFacts(tx, fromId, toId);
  await copyRules(tx, fromId, toId);
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

export default async function versionRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["versions"];

  api.get(
    "/models/:modelId/versions",
    {
      schema: {
        summary: "The versions of a model, oldest first",
        tags,
        params: ModelParams,
        response: { 200: VersionList },
      },
      onRequest: requireRole("viewer"),
    },
    async (request) => {
      const model = await loadModel(app.db, request.auth.tenantId, request.params.modelId);
      const versions = await listVersions(app.db, request.auth.tenantId, model.id);
      return { versions: versions.map(toVersion) };
    },
  );

  api.get(
    "/versions/:versionId",
    {
      schema: {
        summary: "One version, with its revision as ETag",
        tags,
        params: VersionParams,
        response: { 200: Version },
      },
      onRequest: requireRole("viewer"),
    },
    async (request, reply) => answerAboutVersion(app.db, request, reply, request.params.versionId, toVersion),
  );

  api.post(
    "/models/:modelId/versions",
    {
      schema: {
        summary: "Create a draft version, empty or copied from another version of the model (editor)",
        tags,
        params: ModelParams,
        body: CreateVersion,
        response: { 201: Version },
      },
      onRequest: requireRole("editor"),
    },
    async (request, reply) => {
      const { tenantId, userId } = request.auth;
      const { label, copyFrom } = request.body;
      const created = await app.db.transaction(async (tx) => {
        const model = await loadModel(tx, tenantId, request.params.modelId);
        const source = copyFrom === undefined ? null : await loadVersion(tx, tenantId, copyFrom);
        if (source !== null && source.modelId !== model.id) {
          throw new HttpError(400, "validation", "copyFrom must be a version of the same model");
        }
        const version = await insertVersion(tx, {
          tenantId,
          modelId: model.id,
          label,
          basedOn: source?.id ?? null,
          userId,
        });
        if (source !== null) await copyContent(tx, source.id, version.id);
        await audit(tx, {
          tenantId,
          userId,
          action: "version.create",
          targetType: "version",
          targetId: version.id,
          details: { model: model.name, label, copiedFrom: source?.label ?? null },
        });
        return version;
      });
      reply.code(201);
      reply.header("ETag", etagOf(created));
      return toVersion(created);
    },
  );

  api.delete(
    "/versions/:versionId",
    {
      schema: { summary: "Delete a draft version and its content (admin)", tags, params: VersionParams },
      onRequest: requireRole("admin"),
    },
    async (request, reply) => {
      const { tenantId, userId } = request.auth;
      await app.db.transaction(async (tx) => {
        const version = await openDraft(tx, request, request.params.versionId);
        await refuseIfPublishedCopiesExist(tx, version);
        // Drafts copied from this one only lose the link; their content is their own.
        await deleteVersion(tx, tenantId, version.id);
        await audit(tx, {
          tenantId,
          userId,
          action: "version.delete",
          targetType: "version",
          targetId: version.id,
          details: { label: version.label, revision: version.revision },
        });
      });
      return reply.code(204).send();
    },
  );
}
