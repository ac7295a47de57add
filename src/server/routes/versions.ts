import type { FastifyInstance } from "fastify";
import { CreateVersion, ModelParams, Version, VersionList, VersionParams } from "../../contract/api";
import { requireRole } from "../auth";
import { loadModel } from "../store/models";
import { listVersions, toVersion } from "../store/versions";
import { createDraft, deleteDraft } from "../versions";
import { etagOf } from "./etag";
import type { ZodTypeProvider } from "./schema";
import { answerAboutVersion, openDraft } from "./version-access";

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
      const { modelId } = request.params;
      const created = await app.db.transaction((tx) =>
        createDraft(tx, request.auth, { modelId, ...request.body }),
      );
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
      await app.db.transaction(async (tx) =>
        deleteDraft(tx, request.auth, await openDraft(tx, request, request.params.versionId)),
      );
      return reply.code(204).send();
    },
  );
}
