import type { FastifyInstance } from "fastify";
import { AuditPage, AuditQuery } from "../../contract/api";
import { requireRole } from "../auth";
import type { ZodTypeProvider } from "./schema";

interface AuditRow {
  id: string;
  at: Date;
  user_id: string | null;
  user_email: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  details: Record<string, unknown>;
}

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
    async (request) => {
      const { limit, before } = request.query;
      const result = await app.db.query<AuditRow>(
        `SELECT a.id, a.at, a.user_id, u.email AS user_email, a.action, a.target_type, a.target_id, a.details
           FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
          WHERE a.tenant_id = $1 AND ($2::bigint IS NULL OR a.id < $2::bigint)
          ORDER BY a.id DESC LIMIT $3`,
        [request.auth.tenantId, before ?? null, limit + 1],
      );
      const rows = result.rows.slice(0, limit);
      return {
        entries: rows.map((row) => ({
          id: row.id,
          at: new Date(row.at).toISOString(),
          userId: row.user_id,
          userEmail: row.user_email,
          action: row.action,
          targetType: row.target_type,
          targetId: row.target_id,
          details: row.details,
        })),
        next: result.rows.length > limit ? rows[rows.length - 1].id : null,
      };
    },
  );
}
