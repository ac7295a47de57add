import { openPglite } from "./pglite";
import { openPostgres } from "./postgres";
import { migrate } from "./migrate";

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Database extends Sql {
  /** Runs `fn` in one transaction: everything or nothing. Inside it, use `tx` only, never the database. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Fast bulk insert inside a transaction, parameterized. Values of json/jsonb columns may be JSON text
   * or any other value (which is JSON-encoded); Decimal values are written in plain notation.
   */
  copyRows(tx: Sql, table: string, columns: string[], rows: unknown[][]): Promise<void>;
  close(): Promise<void>;
  /** Fails unless the storage answers now: a table is read (and PGlite's data folder is usable). */
  checkStorage(): Promise<void>;
  readonly kind: "pglite" | "postgres";
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; when given, PostgreSQL is used instead of the embedded database. */
  databaseUrl?: string;
  /** Folder of the embedded database, or "memory://" for one that lives in memory only. */
  dataDir?: string;
}

export const DEFAULT_DATA_DIR = "./.data/pglite";
export const MEMORY_DATA_DIR = "memory://";

/**
 * Opens PostgreSQL (`databaseUrl`) or the embedded PGlite database (`dataDir`) and brings its schema up
 * to date. numeric and bigint columns come back as strings on both.
 */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (!opts.databaseUrl) return openPglite(opts.dataDir ?? DEFAULT_DATA_DIR);
  const db = await openPostgres(opts.databaseUrl);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

export { migrate, MIGRATIONS_DIR } from "./migrate";
export { DataDirInUseError } from "./data-dir-lock";
export { DataDirAccessError } from "./pglite";
