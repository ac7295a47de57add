import type { FastifyInstance } from "fastify";
import { AuditPage, AuditQuery } from "../../contract/api";
import { readAuditPage } from "../store/audit";
import { routeGroup } from "./group";

export default async function auditRoutes(app: FastifyInstance): Promise<void> {
  const { api, options } = routeGroup(app, ["access"]);
  api.get(
    "/audit",
    options("admin", {
      summary: "The tenant's audit log, newest first, a page at a time (admin)",
      querystring: AuditQuery,
      response: { 200: AuditPage },
    }),
    async (request) => readAuditPage(app.db, request.auth.tenantId, request.query),
  );
}
