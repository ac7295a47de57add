import type { Sql } from "../db";
import { isUniqueViolation } from "./unique";

export interface Tenant {
  id: string;
  name: string;
}

/** A new tenant; null when the name is taken. */
export async function insertTenant(tx: Sql, name: string): Promise<Tenant | null> {
  try {
    const result = await tx.query<Tenant>("INSERT INTO tenants (name) VALUES ($1) RETURNING id, name", [
      name,
    ]);
    return result.rows[0];
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export async function findTenantByName(sql: Sql, name: string): Promise<Tenant | undefined> {
  const result = await sql.query<Tenant>("SELECT id, name FROM tenants WHERE name = $1", [name]);
  return result.rows[0];
}

/** Whether the database holds any tenant at all (an empty one is seeded with the demo). */
export async function hasTenants(sql: Sql): Promise<boolean> {
  return (await sql.query("SELECT 1 FROM tenants LIMIT 1")).rows.length > 0;
}
