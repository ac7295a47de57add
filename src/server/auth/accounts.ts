import type { Role, TokenInfo, User } from "../../contract/api";
import { audit } from "../audit";
import type { Sql } from "../db";
import { HttpError, notFound } from "../errors";
import { hashToken, newToken } from "./tokens";

/**
 * Tenants, users and tokens: one implementation for the API and the administration command line.
 * Every change writes its audit entry; `actor` says who made it (userId null: the command line).
 */
export interface Actor {
  userId: string | null;
  via?: string;
}

export interface Tenant {
  id: string;
  name: string;
}

const UNIQUE_VIOLATION = "23505";

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === UNIQUE_VIOLATION;
}

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function actorDetails(actor: Actor): Record<string, unknown> {
  return actor.via === undefined ? {} : { via: actor.via };
}

export async function createTenant(tx: Sql, name: string, actor: Actor): Promise<Tenant> {
  const trimmed = name.trim();
  if (trimmed === "") throw new HttpError(400, "validation", "A tenant needs a name");
  let tenant: Tenant;
  try {
    const result = await tx.query<Tenant>("INSERT INTO tenants (name) VALUES ($1) RETURNING id, name", [
      trimmed,
    ]);
    tenant = result.rows[0];
  } catch (error) {
    if (isUniqueViolation(error))
      throw new HttpError(409, "conflict", `A tenant named "${trimmed}" already exists`);
    throw error;
  }
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
  const result = await sql.query<Tenant>("SELECT id, name FROM tenants WHERE name = $1", [name.trim()]);
  if (result.rows.length === 0) throw notFound(`The tenant "${name}"`);
  return result.rows[0];
}

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  created_at: Date;
}

const USER_COLUMNS = "id, name, email, role, created_at";

function toUser(row: UserRow): User {
  return { id: row.id, name: row.name, email: row.email, role: row.role, createdAt: iso(row.created_at)! };
}

export async function createUser(
  tx: Sql,
  tenantId: string,
  user: { email: string; name: string; role: Role },
  actor: Actor,
): Promise<User> {
  const email = user.email.trim().toLowerCase();
  let created: User;
  try {
    const result = await tx.query<UserRow>(
      `INSERT INTO users (tenant_id, name, email, role) VALUES ($1, $2, $3, $4) RETURNING ${USER_COLUMNS}`,
      [tenantId, user.name.trim(), email, user.role],
    );
    created = toUser(result.rows[0]);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new HttpError(409, "conflict", `A user with the e-mail ${email} already exists`);
    throw error;
  }
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

export async function listUsers(sql: Sql, tenantId: string): Promise<User[]> {
  const result = await sql.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE tenant_id = $1 ORDER BY email`,
    [tenantId],
  );
  return result.rows.map(toUser);
}

export async function findUser(
  sql: Sql,
  tenantId: string,
  by: { id: string } | { email: string },
): Promise<User> {
  const result =
    "id" in by
      ? await sql.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE tenant_id = $1 AND id = $2`, [
          tenantId,
          by.id,
        ])
      : await sql.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE tenant_id = $1 AND email = $2`, [
          tenantId,
          by.email.trim().toLowerCase(),
        ]);
  if (result.rows.length === 0) throw notFound("id" in by ? "The user" : `The user ${by.email}`);
  return toUser(result.rows[0]);
}

interface TokenRow {
  id: string;
  user_id: string;
  user_email: string;
  label: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const TOKEN_SELECT = `SELECT t.id, t.user_id, u.email AS user_email, t.label, t.created_at, t.expires_at, t.revoked_at
                        FROM tokens t JOIN users u ON u.id = t.user_id`;

function toTokenInfo(row: TokenRow): TokenInfo {
  return {
    id: row.id,
    userId: row.user_id,
    userEmail: row.user_email,
    label: row.label,
    createdAt: iso(row.created_at)!,
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
  };
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
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO tokens (tenant_id, user_id, token_hash, label, expires_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $5::integer IS NULL THEN NULL ELSE now() + make_interval(days => $5::integer) END)
     RETURNING id`,
    [tenantId, user.id, hashToken(token), options.label?.trim() ?? "", options.expiresInDays ?? null],
  );
  const info = await tokenInfo(tx, tenantId, inserted.rows[0].id);
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
  const result = await sql.query<TokenRow>(`${TOKEN_SELECT} WHERE t.tenant_id = $1 AND t.id = $2`, [
    tenantId,
    tokenId,
  ]);
  if (result.rows.length === 0) throw notFound("The token");
  return toTokenInfo(result.rows[0]);
}

export async function listTokens(sql: Sql, tenantId: string): Promise<TokenInfo[]> {
  const result = await sql.query<TokenRow>(
    `${TOKEN_SELECT} WHERE t.tenant_id = $1 ORDER BY t.created_at, t.id`,
    [tenantId],
  );
  return result.rows.map(toTokenInfo);
}

/** The tenant a token belongs to, for the command line, which revokes by token id alone. */
export async function tokenTenant(sql: Sql, tokenId: string): Promise<string> {
  const result = await sql.query<{ tenant_id: string }>("SELECT tenant_id FROM tokens WHERE id = $1", [
    tokenId,
  ]);
  if (result.rows.length === 0) throw notFound(`The token ${tokenId}`);
  return result.rows[0].tenant_id;
}

/** Revokes a token (revoking it again changes nothing and writes no second entry). */
export async function revokeToken(
  tx: Sql,
  tenantId: string,
  tokenId: string,
  actor: Actor,
): Promise<TokenInfo> {
  const updated = await tx.query<{ id: string }>(
    "UPDATE tokens SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id",
    [tenantId, tokenId],
  );
  const info = await tokenInfo(tx, tenantId, tokenId);
  if (updated.rows.length > 0) {
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
