import type { FastifyInstance } from "fastify";
import { Me } from "../../contract/api";
import { requireRole } from "../auth";
import type { ZodTypeProvider } from "./schema";

export default async function meRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/me",
    {
      schema: {
        summary: "The caller: user, tenant and role of the token",
        tags: ["access"],
        response: { 200: Me },
      },
      onRequest: requireRole("viewer"),
    },
    async (request) => {
      const { tenantId, userId, role, tokenId } = request.auth;
      const result = await app.db.query<{ user_name: string; email: string; tenant_name: string }>(
        `SELECT u.name AS user_name, u.email, t.name AS tenant_name
           FROM users u JOIN tenants t ON t.id = u.tenant_id
          WHERE u.id = $1 AND u.tenant_id = $2`,
        [userId, tenantId],
      );
      const row = result.rows[0];
      return {
        user: { id: userId, name: row.user_name, email: row.email },
        tenant: { id: tenantId, name: row.tenant_name },
        role,
        tokenId,
      };
    },
  );
}
