import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { RestoreResult } from "../../contract/api";
import { ModelVersionDocument } from "../../contract/model";
import { exportText, restoreDocument } from "../backup";
import { toVersion } from "../store/versions";
import { etagOf } from "./etag";
import { routeGroup } from "./group";

export default async function backupRoutes(app: FastifyInstance): Promise<void> {
  const { api, options, aboutVersion } = routeGroup(app, ["backup"]);

  aboutVersion(
    "/versions/:versionId/export",
    { summary: "The whole version as one backup document", response: ModelVersionDocument },
    // Written as it is read, a page of facts at a time: a large version is never in memory whole.
    (version) => Readable.from(exportText(app.db, version)),
  );

  api.post(
    "/models/restore",
    options(
      "admin",
      {
        summary: "Restore a backup document as a new version, creating its model if needed (admin)",
        body: ModelVersionDocument,
        response: { 201: RestoreResult },
      },
      { bodyLimit: app.config.bodyLimit },
    ),
    async (request, reply) => {
      const { tenantId, userId } = request.auth;
      const { model, version } = await restoreDocument(app.db, tenantId, request.body, userId);
      reply.code(201);
      reply.header("ETag", etagOf(version));
      return { model, version: toVersion(version) };
    },
  );
}
