import { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply } from "fastify";
import { RestoreResult, VersionParams } from "../../contract/api";
import { ModelVersionDocument } from "../../contract/model";
import { requireRole } from "../auth";
import { exportText, restoreDocument } from "../backup";
import { toVersion } from "../store/versions";
import { etagOf } from "./etag";
import type { ZodTypeProvider } from "./schema";
import { answerAboutVersion } from "./version-access";

export default async function backupRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["backup"];

  api.get(
    "/versions/:versionId/export",
    {
      schema: {
        summary: "The whole version as one backup document",
        tags,
        params: VersionParams,
        response: { 200: ModelVersionDocument },
      },
      onRequest: requireRole("viewer"),
    },
    async (request, reply) => {
      // Written as it is read, a page of facts at a time: a large version is never in memory whole.
      const document = await answerAboutVersion(app.db, request, reply, request.params.versionId, (version) =>
        Readable.from(exportText(app.db, version)),
      );
      if (document === undefined) return reply;
      // The schema describes the document the stream writes; fastify sends a stream as it is.
      return (reply as FastifyReply).type("application/json; charset=utf-8").send(document);
    },
  );

  api.post(
    "/models/restore",
    {
      schema: {
        summary: "Restore a backup document as a new version, creating its model if needed (admin)",
        tags,
        body: ModelVersionDocument,
        response: { 201: RestoreResult },
      },
      onRequest: requireRole("admin"),
      bodyLimit: app.config.bodyLimit,
    },
    async (request, reply) => {
      const { tenantId, userId } = request.auth;
      const { model, version } = await restoreDocument(app.db, tenantId, request.body, userId);
      reply.code(201);
      reply.header("ETag", etagOf(version));
      return { model, version: toVersion(version) };
    },
  );
}
