import type { Role, TokenInfo } from "../../contract/api";
import type { Sql } from "../db";
import { isoTimestamp } from "./timestamps";

type TokenRow = Omit<TokenInfo, "createdAt" | "expiresAt" | "revokedAt"> & {
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

const TOKEN_SELECT = `SELECT t.id, t.user_id AS "userId", u.email AS "userEmail", t.label, t.created_at AS "createdAt",
         t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt"
    FROM tokens t JOIN users u ON u.id = t.user_id`;

function toTokenInfo(row: TokenRow): TokenInfo {
  return {
    ...row,
    createdAt: isoTimestamp(row.createdAt),
    expiresAt: isoTimestamp(row.expiresAt),
    revokedAt: isoTimestamp(row.revokedAt),
  };
}

/** Stores a new token's hash; returns the token's id. */
export async function insertToken(
  tx: Sql,
  args: { tenantId: string; userId: string; hash: string; label: string; expiresInDays: number | null },
): Promise<string> {
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO tokens (tenant_id, user_id, token_hash, label, expires_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $5::integer IS NULL THEN NULL ELSE now() + make_interval(days => $5::integer) END)
     RETURNING id`,
    [args.tenantId, args.userId, args.hash, args.label, args.expiresInDays],
  );
  return inserted.rows[0].id;
}

/** A token of the tenant, without the token itself; undefined when there is none with this id. */
export async function findTokenInfo(
  sql: Sql,
  tenantId: string,
  tokenId: string,
): Promise<TokenInfo | undefined> {
  const result = await sql.query<TokenRow>(`${TOKEN_SELECT} WHERE t.tenant_id = $1 AND t.id = $2`, [
    tenantId,
    tokenId,
  ]);
  return result.rows.length === 0 ? undefined : toTokenInfo(result.rows[0]);
}

export async function listTokens(sql: Sql, tenantId: string): Promise<TokenInfo[]> {
  const result = await sql.query<TokenRow>(
    `${TOKEN_SELECT} WHERE t.tenant_id = $1 ORDER BY t.created_at, t.id`,
    [tenantId],
  );
  return result.rows.map(toTokenInfo);
}

/** The tenant a token belongs to; undefined when there is no token with this id. */
export async function findTokenTenant(sql: Sql, tokenId: string): Promise<string | undefined> {
  const result = await sql.query<{ tenant_id: string }>("SELECT tenant_id FROM tokens WHERE id = $1", [
    tokenId,
  ]);
  return result.rows[0]?.tenant_id;
}

/** Revokes a token now; false when it was revoked already (or is not the tenant's). */
export async function markRevoked(tx: Sql, tenantId: string, tokenId: string): Promise<boolean> {
  const updated = await tx.query<{ id: string }>(
    "UPDATE tokens SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id",
    [tenantId, tokenId],
  );
  return updated.rows.length > 0;
}

/** A token that is valid now, by its hash: who it belongs to and until when. */
export interface ValidToken {
  tokenId: string;
  tenantId: string;
  userId: string;
  role: Role;
  expiresAt: Date | null;
}

export async function findValidToken(sql: Sql, hash: string): Promise<ValidToken | undefined> {
  const result = await sql.query<{
    token_id: string;
    tenant_id: string;
    user_id: string;
    role: Role;
    expires_at: Date | null;
  }>(
    `SELECT t.id AS token_id, t.tenant_id, t.user_id, u.role, t.expires_at
       FROM tokens t JOIN users u ON u.id = t.user_id AND u.tenant_id = t.tenant_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`,
    [hash],
  );
  const row = result.rows[0];
  if (row === undefined) return undefined;
  return {
    tokenId: row.token_id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    role: row.role,
    expiresAt: row.expires_at,
  };
}
