import type { FastifyRequest, onRequestAsyncHookHandler } from "fastify";
import type { Role } from "../../contract/api";
import { HttpError } from "../errors";
import type { AuthContext, TokenVerifier } from "./verifier";

export type { AuthContext } from "./verifier";
export { TokenVerifier } from "./verifier";
export { TOKEN_PREFIX, hashToken, newToken } from "./tokens";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is calling: set for every route under /api/v1 that needs a token. */
    auth: AuthContext;
  }
}

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export function hasRole(auth: AuthContext, role: Role): boolean {
  return RANK[auth.role] >= RANK[role];
}

/** A route hook that lets only callers with at least `role` through; the API document reads `requiredRole`. */
export type RoleHook = onRequestAsyncHookHandler & { requiredRole: Role };

export function requireRole(role: Role): RoleHook {
  const hook = async (request: FastifyRequest): Promise<void> => {
    if (!hasRole(request.auth, role)) {
      throw new HttpError(
        403,
        "forbidden",
        `This needs the ${role} role; your token belongs to a user with the ${request.auth.role} role`,
      );
    }
  };
  return Object.assign(hook, { requiredRole: role });
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The token of an `Authorization: Bearer <token>` header (the scheme in any case), or null. */
export function bearerToken(header: string | undefined): string | null {
  return header === undefined ? null : (BEARER.exec(header)?.[1] ?? null);
}

/** The onRequest hook of every route that needs a token: sets `request.auth` or answers 401. */
export function authenticate(verifier: TokenVerifier): onRequestAsyncHookHandler {
  return async (request) => {
    const header = request.headers.authorization;
    if (header === undefined || header === "") {
      throw new HttpError(
        401,
        "unauthorized",
        "Send an API token in the header Authorization: Bearer itfm_…",
      );
    }
    const token = bearerToken(header);
    const auth = token === null ? null : await verifier.verify(token);
    if (auth === null) {
      throw new HttpError(
        401,
        "invalid_token",
        "The API token is not valid: it is unknown, expired or revoked",
      );
    }
    request.auth = auth;
  };
}
