import type { FastifyInstance } from "fastify";
import { AuditPage, AuditQuery } from "../../contract/api";
import { requireRole } from "../auth";
import { readAuditPage } from "../store/audit";
import type { ZodTypeProvider } from "./schema";

export default async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/audit",
    {
      schema: {
        summary: "The tenant's audit log, newest first, a page at a time (admin)",
        tags: ["access"],
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
      onRequest: requireRole("admin"),
    },
    async (request) => readAuditPage(app.db, request.auth.tenantId, request.query),
  );
}
