import type { Role, User } from "../../contract/api";
import type { Sql } from "../db";
import { isoTimestamp } from "./timestamps";
import { isUniqueViolation } from "./unique";

type UserRow = Omit<User, "createdAt"> & { createdAt: Date };

const USER_COLUMNS = `id, name, email, role, created_at AS "createdAt"`;

function toUser(row: UserRow): User {
  return { ...row, createdAt: isoTimestamp(row.createdAt) };
}

/** A new user; null when the tenant already has a user with this e-mail. */
export async function insertUser(
  tx: Sql,
  tenantId: string,
  user: { email: string; name: string; role: Role },
): Promise<User | null> {
  try {
    const result = await tx.query<UserRow>(
      `INSERT INTO users (tenant_id, name, email, role) VALUES ($1, $2, $3, $4) RETURNING ${USER_COLUMNS}`,
      [tenantId, user.name, user.email, user.role],
    );
    return toUser(result.rows[0]);
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export async function listUsers(sql: Sql, tenantId: string): Promise<User[]> {
  const result = await sql.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE tenant_id = $1 ORDER BY email`,
    [tenantId],
  );
  return result.rows.map(toUser);
}

/** A user of the tenant by id or by (normalised) e-mail; undefined when there is none. */
export async function findUserBy(
  sql: Sql,
  tenantId: string,
  by: { id: string } | { email: string },
): Promise<User | undefined> {
  const [column, value] = "id" in by ? ["id", by.id] : ["email", by.email];
  const result = await sql.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE tenant_id = $1 AND ${column} = $2`,
    [tenantId, value],
  );
  return result.rows.length === 0 ? undefined : toUser(result.rows[0]);
}

/** The names of a user and of its tenant. */
export async function userAndTenantNames(
  sql: Sql,
  tenantId: string,
  userId: string,
): Promise<{ userName: string; email: string; tenantName: string }> {
  const result = await sql.query<{ user_name: string; email: string; tenant_name: string }>(
    `SELECT u.name AS user_name, u.email, t.name AS tenant_name
       FROM users u JOIN tenants t ON t.id = u.tenant_id
      WHERE u.id = $1 AND u.tenant_id = $2`,
    [userId, tenantId],
  );
  const row = result.rows[0];
  return { userName: row.user_name, email: row.email, tenantName: row.tenant_name };
}
