import type { FastifyInstance } from "fastify";
import { Me } from "../../contract/api";
import { requireRole } from "../auth";
import { userAndTenantNames } from "../store/users";
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
      const names = await userAndTenantNames(app.db, tenantId, userId);
      return {
        user: { id: userId, name: names.userName, email: names.email },
        tenant: { id: tenantId, name: names.tenantName },
        role,
        tokenId,
      };
    },
  );
}
