import fs from "node:fs";
import path from "node:path";
import type { ScriptDatabase } from "./script";

export const MIGRATIONS_DIR = path.join(__dirname, "migrations");

/** Any constant shared by every process of the service: they queue on it while one migrates. */
const MIGRATION_LOCK = 7_351_002;

export interface Migration {
  version: string;
  sql: string;
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .map((file) => ({
      version: file.replace(/\.sql$/, ""),
      sql: fs.readFileSync(path.join(dir, file), "utf8"),
    }));
}

/**
 * Applies the migrations not applied yet, in file-name order, in one transaction. The advisory lock makes
 * a second process that starts at the same moment wait, then find everything applied.
 */
export async function migrate(
  db: ScriptDatabase,
  migrations: Migration[] = readMigrations(),
): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = await tx.query<{ version: string }>("SELECT version FROM schema_migrations");
    const applied = new Set(done.rows.map((row) => row.version));
    const pending = migrations.filter((m) => !applied.has(m.version));
    for (const migration of pending) {
      await tx.exec(migration.sql);
      await tx.query("INSERT INTO schema_migrations (version) VALUES ($1)", [migration.version]);
    }
    return pending.map((m) => m.version);
  });
}
