import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite, types, type Transaction } from "@electric-sql/pglite";
import { type CopyIn, RowCopier } from "./copy-rows";
import { lockDataDir } from "./data-dir-lock";
import type { Sql } from "./index";
import { STORAGE_PROBE, type ScriptDatabase, type ScriptSql } from "./script";

const asText = (value: string): string => value;

/** The same value types as node-postgres gives: numeric and bigint as exact text. */
const PARSERS = { [types.NUMERIC]: asText, [types.INT8]: asText };

/** The PGlite handle behind a transaction's Sql, for COPY. */
const RAW = Symbol("pglite");

type PgliteSql = ScriptSql & { [RAW]?: PGlite | Transaction };

function scriptSql(target: PGlite | Transaction): PgliteSql {
  return {
    [RAW]: target,
    query: async <T>(text: string, params?: unknown[]) => {
      const result = await target.query<T>(text, params);
      return { rows: result.rows };
    },
    exec: async (script: string) => {
      await target.exec(script);
    },
  };
}

/** COPY ... FROM '/dev/blob' reads the rows from a blob: much faster than INSERT in PGlite. */
const copyFromBlob: CopyIn = async (tx, target, data) => {
  const raw = (tx as PgliteSql)[RAW];
  if (raw === undefined) return false;
  await raw.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([data]) });
  return true;
};

class PgliteDatabase implements ScriptDatabase {
  readonly kind = "pglite" as const;
  private readonly sql: ScriptSql;
  private readonly copier = new RowCopier(copyFromBlob);

  constructor(
    private readonly pg: PGlite,
    private readonly release: () => void,
    /** The folder it lives in; undefined in memory. */
    private readonly folder?: string,
  ) {
    this.sql = scriptSql(pg);
  }

  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }> {
    return this.sql.query<T>(text, params);
  }

  transaction<T>(fn: (tx: ScriptSql) => Promise<T>): Promise<T> {
    return this.pg.transaction((tx) => fn(scriptSql(tx)));
  }

  copyRows(tx: Sql, table: string, columns: string[], rows: unknown[][]): Promise<void> {
    return this.copier.copyRows(tx, table, columns, rows);
  }

  async checkStorage(): Promise<void> {
    if (this.folder !== undefined) {
      const usable = fs.constants.R_OK | fs.constants.W_OK;
      try {
        await fs.promises.access(this.folder, usable | fs.constants.X_OK);
        await fs.promises.access(path.join(this.folder, "PG_VERSION"), usable);
      } catch (error) {
        throw new DataDirAccessError(this.folder, error as NodeJS.ErrnoException);
      }
    }
    await this.query(STORAGE_PROBE);
  }

  async close(): Promise<void> {
    try {
      if (!this.pg.closed) await this.pg.close();
    } finally {
      this.release();
    }
  }
}

export class DataDirAccessError extends Error {
  constructor(folder: string, cause: NodeJS.ErrnoException) {
    super(
      `The data folder ${folder} cannot be read and written by this process (user ${os.userInfo().username}): ` +
        `${cause.code === "ENOENT" ? "it is missing" : `${cause.path ?? folder} is ${cause.code === "EACCES" || cause.code === "EPERM" ? "not writable" : `unusable (${cause.code})`}`}. ` +
        "The embedded database reads and writes every file in it: give this user access, or set ITFM_DATA_DIR to another folder.",
    );
    this.name = "DataDirAccessError";
  }
}

/** Every file of an existing database folder, and the folder itself, must be readable and writable. */
function checkDataFolder(folder: string): void {
  const usable = fs.constants.R_OK | fs.constants.W_OK;
  const check = (entry: string) =>
    fs.accessSync(entry, fs.statSync(entry).isDirectory() ? usable | fs.constants.X_OK : usable);
  try {
    fs.mkdirSync(folder, { recursive: true });
    check(folder);
    for (const entry of fs.readdirSync(folder, { recursive: true, encoding: "utf8" })) {
      check(path.join(folder, entry));
    }
  } catch (error) {
    throw new DataDirAccessError(folder, error as NodeJS.ErrnoException);
  }
}

/** The embedded database: in memory for "memory://", else in a folder this process locks for itself. */
export async function openPglite(dataDir: string): Promise<ScriptDatabase> {
  if (dataDir.startsWith("memory://")) {
    const pg = await PGlite.create(dataDir, { parsers: PARSERS });
    return new PgliteDatabase(pg, () => undefined);
  }
  const folder = path.resolve(dataDir);
  checkDataFolder(folder);
  const release = await lockDataDir(folder);
  try {
    const pg = await PGlite.create(folder, { parsers: PARSERS });
    return new PgliteDatabase(pg, release, folder);
  } catch (error) {
    release();
    throw error;
  }
}
