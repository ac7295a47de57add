import type { FastifyInstance } from "fastify";
import { Me } from "../../contract/api";
import { userAndTenantNames } from "../store/users";
import { routeGroup } from "./group";

export default async function meRoutes(app: FastifyInstance): Promise<void> {
  const { api, options } = routeGroup(app, ["access"]);
  api.get(
    "/me",
    options("viewer", { summary: "The caller: user, tenant and role of the token", response: { 200: Me } }),
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
