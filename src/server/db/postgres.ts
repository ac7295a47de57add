import pg from "pg";
import { RowCopier } from "./copy-rows";
import type { Sql } from "./index";
import { STORAGE_PROBE, type ScriptDatabase, type ScriptSql } from "./script";

const NUMERIC_OID = 1700;

/** numeric as exact text (node-postgres already gives bigint as text). */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === NUMERIC_OID
      ? (value: string) => value
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

function scriptSql(client: pg.Pool | pg.PoolClient): ScriptSql {
  return {
    query: async <T>(text: string, params?: unknown[]) => {
      const result = await client.query(text, params ?? []);
      return { rows: result.rows as T[] };
    },
    // Without parameters node-postgres uses the simple protocol, which runs several statements.
    exec: async (script: string) => {
      await client.query(script);
    },
  };
}

class PostgresDatabase implements ScriptDatabase {
  readonly kind = "postgres" as const;
  private readonly sql: ScriptSql;
  private readonly copier = new RowCopier();

  constructor(private readonly pool: pg.Pool) {
    this.sql = scriptSql(pool);
  }

  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }> {
    return this.sql.query<T>(text, params);
  }

  async transaction<T>(fn: (tx: ScriptSql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const result = await fn(scriptSql(client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      try {
        await client.query("ROLLBACK");
      } catch (rollbackError) {
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      // A connection that could not roll back is discarded rather than handed to the next request.
      client.release(broken);
    }
  }

  copyRows(tx: Sql, table: string, columns: string[], rows: unknown[][]): Promise<void> {
    return this.copier.copyRows(tx, table, columns, rows);
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  async checkStorage(): Promise<void> {
    await this.query(STORAGE_PROBE);
  }
}

export async function openPostgres(databaseUrl: string): Promise<ScriptDatabase> {
  const pool = new pg.Pool({ connectionString: databaseUrl, types: TYPES });
  // An idle connection that drops (server restart) must not bring the process down; the pool reconnects.
  pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  const db = new PostgresDatabase(pool);
  try {
    await db.query("SELECT 1");
  } catch (error) {
    await pool.end();
    throw new Error(`Cannot connect to PostgreSQL (DATABASE_URL): ${(error as Error).message}`, {
      cause: error,
    });
  }
  return db;
}
