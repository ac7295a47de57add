import type { FastifyInstance } from "fastify";
import {
  CreateUser,
  IssueToken,
  IssuedToken,
  TokenInfo,
  TokenList,
  TokenParams,
  User,
  UserList,
  UserParams,
} from "../../contract/api";
import { createUser, issueToken, revokeToken } from "../auth/accounts";
import { listTokens } from "../store/tokens";
import { listUsers } from "../store/users";
import { noStore } from "./etag";
import { routeGroup } from "./group";

export default async function userRoutes(app: FastifyInstance): Promise<void> {
  const { api, options } = routeGroup(app, ["access"]);

  api.get(
    "/users",
    options("admin", { summary: "The tenant's users (admin)", response: { 200: UserList } }),
    async (request) => ({ users: await listUsers(app.db, request.auth.tenantId) }),
  );

  api.post(
    "/users",
    options("admin", {
      summary: "Create a user with a role (admin)",
      body: CreateUser,
      response: { 201: User },
    }),
    async (request, reply) => {
      const { tenantId, userId } = request.auth;
      const user = await app.db.transaction((tx) => createUser(tx, tenantId, request.body, { userId }));
      reply.code(201);
      return user;
    },
  );

  api.post(
    "/users/:userId/tokens",
    options("admin", {
      summary: "Issue an API token for a user; the token is shown in this answer only (admin)",
      params: UserParams,
      body: IssueToken,
      response: { 201: IssuedToken },
    }),
    async (request, reply) => {
      const { tenantId, userId } = request.auth;
      const options = request.body ?? {};
      const issued = await app.db.transaction((tx) =>
        issueToken(tx, tenantId, request.params.userId, options, { userId }),
      );
      reply.code(201);
      noStore(reply);
      return issued;
    },
  );

  api.get(
    "/tokens",
    options("admin", {
      summary: "The tenant's tokens, without the tokens themselves (admin)",
      response: { 200: TokenList },
    }),
    async (request) => ({ tokens: await listTokens(app.db, request.auth.tenantId) }),
  );

  api.delete(
    "/tokens/:tokenId",
    options("admin", {
      summary: "Revoke a token (admin)",
      params: TokenParams,
      response: { 200: TokenInfo },
    }),
    async (request) => {
      const { tenantId, userId } = request.auth;
      const revoked = await app.db.transaction((tx) =>
        revokeToken(tx, tenantId, request.params.tokenId, { userId }),
      );
      app.tokenVerifier.forget(revoked.id);
      return revoked;
    },
  );
}
