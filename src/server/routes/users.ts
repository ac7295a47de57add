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
import { requireRole } from "../auth";
import { createUser, issueToken, revokeToken } from "../auth/accounts";
import { listTokens } from "../store/tokens";
import { listUsers } from "../store/users";
import { noStore } from "./etag";
import type { ZodTypeProvider } from "./schema";

export default async function userRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["access"];
  const admin = requireRole("admin");

  api.get(
    "/users",
    {
      schema: { summary: "The tenant's users (admin)", tags, response: { 200: UserList } },
      onRequest: admin,
    },
    async (request) => ({ users: await listUsers(app.db, request.auth.tenantId) }),
  );

  api.post(
    "/users",
    {
      schema: {
        summary: "Create a user with a role (admin)",
        tags,
        body: CreateUser,
        response: { 201: User },
      },
      onRequest: admin,
    },
    async (request, reply) => {
      const { tenantId, userId } = request.auth;
      const user = await app.db.transaction((tx) => createUser(tx, tenantId, request.body, { userId }));
      reply.code(201);
      return user;
    },
  );

  api.post(
    "/users/:userId/tokens",
    {
      schema: {
        summary: "Issue an API token for a user; the token is shown in this answer only (admin)",
        tags,
        params: UserParams,
        body: IssueToken,
        response: { 201: IssuedToken },
      },
      onRequest: admin,
    },
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
    {
      schema: {
        summary: "The tenant's tokens, without the tokens themselves (admin)",
        tags,
        response: { 200: TokenList },
      },
      onRequest: admin,
    },
    async (request) => ({ tokens: await listTokens(app.db, request.auth.tenantId) }),
  );

  api.delete(
    "/tokens/:tokenId",
    {
      schema: { summary: "Revoke a token (admin)", tags, params: TokenParams, response: { 200: TokenInfo } },
      onRequest: admin,
    },
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
