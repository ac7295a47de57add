import type { Role, TokenInfo, User } from "../../contract/api";
import type { Sql } from "../db";
import { HttpError, notFound } from "../errors";
import { audit } from "../store/audit";
import { type Tenant, findTenantByName, insertTenant } from "../store/tenants";
import { findTokenInfo, findTokenTenant, insertToken, markRevoked } from "../store/tokens";
import { findUserBy, insertUser } from "../store/users";
import { hashToken, newToken } from "./tokens";

export type { Tenant } from "../store/tenants";

/**
 * Tenants, users and tokens: one implementation for the API and the administration command line.
 * Every change writes its audit entry; `actor` says who made it (userId null: the command line).
 */
export interface Actor {
  userId: string | null;
  via?: string;
}

function actorDetails(actor: Actor): Record<string, unknown> {
  return actor.via === undefined ? {} : { via: actor.via };
}

export async function createTenant(tx: Sql, name: string, actor: Actor): Promise<Tenant> {
  const trimmed = name.trim();
  if (trimmed === "") throw new HttpError(400, "validation", "A tenant needs a name");
  const tenant = await insertTenant(tx, trimmed);
  if (tenant === null) throw new HttpError(409, "conflict", `A tenant named "${trimmed}" already exists`);
  await audit(tx, {
    tenantId: tenant.id,
    userId: actor.userId,
    action: "tenant.create",
    targetType: "tenant",
    targetId: tenant.id,
    details: { name: tenant.name, ...actorDetails(actor) },
  });
  return tenant;
}

export async function findTenant(sql: Sql, name: string): Promise<Tenant> {
  const tenant = await findTenantByName(sql, name.trim());
  if (tenant === undefined) throw notFound(`The tenant "${name}"`);
  return tenant;
}

export async function createUser(
  tx: Sql,
  tenantId: string,
  user: { email: string; name: string; role: Role },
  actor: Actor,
): Promise<User> {
  const email = user.email.trim().toLowerCase();
  const created = await insertUser(tx, tenantId, { email, name: user.name.trim(), role: user.role });
  if (created === null)
    throw new HttpError(409, "conflict", `A user with the e-mail ${email} already exists`);
  await audit(tx, {
    tenantId,
    userId: actor.userId,
    action: "user.create",
    targetType: "user",
    targetId: created.id,
    details: { email, name: created.name, role: created.role, ...actorDetails(actor) },
  });
  return created;
}

export async function findUser(
  sql: Sql,
  tenantId: string,
  by: { id: string } | { email: string },
): Promise<User> {
  const user = await findUserBy(sql, tenantId, "id" in by ? by : { email: by.email.trim().toLowerCase() });
  if (user === undefined) throw notFound("id" in by ? "The user" : `The user ${by.email}`);
  return user;
}

/** Issues a token for a user; the token is in this answer only, the database keeps its hash. */
export async function issueToken(
  tx: Sql,
  tenantId: string,
  userId: string,
  options: { label?: string; expiresInDays?: number },
  actor: Actor,
): Promise<TokenInfo & { token: string }> {
  const user = await findUser(tx, tenantId, { id: userId });
  const token = newToken();
  const tokenId = await insertToken(tx, {
    tenantId,
    userId: user.id,
    hash: hashToken(token),
    label: options.label?.trim() ?? "",
    expiresInDays: options.expiresInDays ?? null,
  });
  const info = await tokenInfo(tx, tenantId, tokenId);
  await audit(tx, {
    tenantId,
    userId: actor.userId,
    action: "token.issue",
    targetType: "token",
    targetId: info.id,
    details: { user: user.email, label: info.label, expiresAt: info.expiresAt, ...actorDetails(actor) },
  });
  return { ...info, token };
}

async function tokenInfo(sql: Sql, tenantId: string, tokenId: string): Promise<TokenInfo> {
  const info = await findTokenInfo(sql, tenantId, tokenId);
  if (info === undefined) throw notFound("The token");
  return info;
}

/** The tenant a token belongs to, for the command line, which revokes by token id alone. */
export async function tokenTenant(sql: Sql, tokenId: string): Promise<string> {
  const tenantId = await findTokenTenant(sql, tokenId);
  if (tenantId === undefined) throw notFound(`The token ${tokenId}`);
  return tenantId;
}

/** Revokes a token (revoking it again changes nothing and writes no second entry). */
export async function revokeToken(
  tx: Sql,
  tenantId: string,
  tokenId: string,
  actor: Actor,
): Promise<TokenInfo> {
  const revoked = await markRevoked(tx, tenantId, tokenId);
  const info = await tokenInfo(tx, tenantId, tokenId);
  if (revoked) {
    await audit(tx, {
      tenantId,
      userId: actor.userId,
      action: "token.revoke",
      targetType: "token",
      targetId: tokenId,
      details: { user: info.userEmail, label: info.label, ...actorDetails(actor) },
    });
  }
  return info;
}
