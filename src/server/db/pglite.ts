import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite, types, type Transaction } from "@electric-sql/pglite";
import { type CopyIn, RowCopier } from "./copy-rows";
import { CLAIMS_DIR, lockDataDir } from "./data-dir-lock";
import { migrate } from "./migrate";
import { discardTemplate, keepTemplate, readTemplate, templateFile } from "./pglite-template";
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

/**
 * The embedded database, migrated: in memory for "memory://", else in a folder this process locks for
 * itself. A new one starts from the copy of an empty database kept in `template` (see pglite-template.ts).
 */
export async function openPglite(dataDir: string, template = templateFile()): Promise<ScriptDatabase> {
  if (dataDir.startsWith("memory://")) {
    const { pg, fromTemplate } = await createPglite(dataDir, template, true, () => undefined);
    return migrated(new PgliteDatabase(pg, () => undefined), pg, { blank: true, fromTemplate, template });
  }
  const folder = path.resolve(dataDir);
  checkDataFolder(folder);
  const release = await lockDataDir(folder);
  let opened: { pg: PGlite; fromTemplate: boolean; blank: boolean };
  try {
    // Only an empty folder takes the copy, or gives one: a failed load can then be cleared without
    // touching anything else, and no file of the administrator's reaches every later database.
    const blank =
      !fs.existsSync(path.join(folder, "PG_VERSION")) &&
      fs.readdirSync(folder).every((entry) => entry === CLAIMS_DIR);
    const clear = () => {
      for (const entry of fs.readdirSync(folder)) {
        if (entry !== CLAIMS_DIR) fs.rmSync(path.join(folder, entry), { recursive: true, force: true });
      }
    };
    opened = { ...(await createPglite(folder, template, blank, clear)), blank };
  } catch (error) {
    release();
    throw error;
  }
  return migrated(new PgliteDatabase(opened.pg, release, folder), opened.pg, { ...opened, template });
}

/** PGlite over `dataDir`, from the kept copy of an empty database when `fresh` and there is one. */
async function createPglite(
  dataDir: string,
  template: string,
  fresh: boolean,
  clear: () => void,
): Promise<{ pg: PGlite; fromTemplate: boolean }> {
  const copy = fresh ? readTemplate(template) : undefined;
  if (copy !== undefined) {
    try {
      return {
        pg: await PGlite.create(dataDir, { parsers: PARSERS, loadDataDir: copy }),
        fromTemplate: true,
      };
    } catch {
      discardTemplate(template);
      clear();
    }
  }
  return { pg: await PGlite.create(dataDir, { parsers: PARSERS }), fromTemplate: false };
}

/** Brings the schema up to date; one just created the long way in an empty place leaves a copy for the next. */
async function migrated(
  db: PgliteDatabase,
  pg: PGlite,
  how: { blank: boolean; fromTemplate: boolean; template: string },
): Promise<PgliteDatabase> {
  try {
    await migrate(db);
    if (how.fromTemplate) {
      // The copy's migrations were applied when it was made; this database was made now.
      await db.query("UPDATE schema_migrations SET applied_at = now()");
    } else if (how.blank) {
      await keepTemplate(pg, how.template);
    }
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
