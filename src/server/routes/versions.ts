import type { FastifyInstance } from "fastify";
import { CreateVersion, ModelParams, Version, VersionList, VersionParams } from "../../contract/api";
import { loadModel } from "../store/models";
import { listVersions, toVersion } from "../store/versions";
import { createDraft, deleteDraft } from "../versions";
import { etagOf } from "./etag";
import { routeGroup } from "./group";
import { openDraft } from "./version-access";

export default async function versionRoutes(app: FastifyInstance): Promise<void> {
  const { api, options, aboutVersion } = routeGroup(app, ["versions"]);

  api.get(
    "/models/:modelId/versions",
    options("viewer", {
      summary: "The versions of a model, oldest first",
      params: ModelParams,
      response: { 200: VersionList },
    }),
    async (request) => {
      const model = await loadModel(app.db, request.auth.tenantId, request.params.modelId);
      const versions = await listVersions(app.db, request.auth.tenantId, model.id);
      return { versions: versions.map(toVersion) };
    },
  );

  aboutVersion(
    "/versions/:versionId",
    { summary: "One version, with its revision as ETag", response: Version },
    toVersion,
  );

  api.post(
    "/models/:modelId/versions",
    options("editor", {
      summary: "Create a draft version, empty or copied from another version of the model (editor)",
      params: ModelParams,
      body: CreateVersion,
      response: { 201: Version },
    }),
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
    options("admin", { summary: "Delete a draft version and its content (admin)", params: VersionParams }),
    async (request, reply) => {
      await app.db.transaction(async (tx) =>
        deleteDraft(tx, request.auth, await openDraft(tx, request, request.params.versionId)),
      );
      return reply.code(204).send();
    },
  );
}
