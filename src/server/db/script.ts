import type { Database, Sql } from "./index";

/** A transaction that can also run a script of several SQL statements (migrations). */
export interface ScriptSql extends Sql {
  exec(script: string): Promise<void>;
}

export interface ScriptDatabase extends Database {
  transaction<T>(fn: (tx: ScriptSql) => Promise<T>): Promise<T>;
}

/** A query that reads a table, as the readiness check does. */
export const STORAGE_PROBE = "SELECT version FROM schema_migrations LIMIT 1";
