import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import type { PGlite } from "@electric-sql/pglite";
import { extract, pack } from "tar-stream";
import { CLAIMS_DIR } from "./data-dir-lock";
import { MIGRATIONS_DIR, readMigrations } from "./migrate";

/**
 * A new embedded database starts from a copy of an empty, migrated one instead of running PostgreSQL's
 * initdb in WebAssembly (about 0.4 s against 2 s, far more on a busy machine). The copy is made the
 * first time a database is created and kept in the project's cache folder, named by what it depends
 * on: the PGlite release and the migrations. A change to either names a new copy; a copy that cannot
 * be read or written is no copy at all, and the database is created the long way.
 */
const ROOT = path.resolve(__dirname, "../../..");
export const TEMPLATE_DIR = path.join(ROOT, "node_modules", ".cache", "itfm-excel");
/** Part of the copy's name: copies kept by earlier versions held the folder's lock claims and are not read. */
const TEMPLATE_FORMAT = "database files only";

function pgliteRelease(): string {
  try {
    const manifest = path.join(ROOT, "node_modules", "@electric-sql", "pglite", "package.json");
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** The file of the copy for this PGlite release and these migrations. */
export function templateFile(migrationsDir: string = MIGRATIONS_DIR): string {
  const hash = createHash("sha256").update(`${TEMPLATE_FORMAT}\0${pgliteRelease()}`);
  for (const migration of readMigrations(migrationsDir))
    hash.update(`\0${migration.version}\0${migration.sql}`);
  return path.join(TEMPLATE_DIR, `pglite-${hash.digest("hex").slice(0, 16)}.tar`);
}

/** The copy, when one was kept and can be read. */
export function readTemplate(file: string): Blob | undefined {
  try {
    return new Blob([fs.readFileSync(file)]);
  } catch {
    return undefined;
  }
}

/** Forgets a copy that PGlite could not load, so that the next database makes a new one. */
export function discardTemplate(file: string): void {
  fs.rmSync(file, { force: true });
}

/**
 * Keeps a copy of a database just created and migrated, before anything else is written to it. Written
 * under a name of its own and renamed, so that a process reading it never sees half a file.
 */
export async function keepTemplate(pg: PGlite, file: string): Promise<void> {
  if (fs.existsSync(file)) return;
  const partial = `${file}.${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    const dump = await pg.dumpDataDir("none");
    const databaseFiles = await withoutClaims(new Uint8Array(await dump.arrayBuffer()));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(partial, databaseFiles);
    fs.renameSync(partial, file);
  } catch {
    // A cache only: a read-only installation creates each new database the long way.
    fs.rmSync(partial, { force: true });
  }
}

/**
 * The dump of a folder database holds the claim of the process that made it (data-dir-lock.ts): a
 * database started from such a copy would list a claim of a process long gone, or of whatever process
 * now has its number. The copy keeps PostgreSQL's files only.
 */
async function withoutClaims(tar: Uint8Array): Promise<Buffer> {
  const source = extract();
  const target = pack();
  const packed = buffer(target);
  Readable.from([tar]).pipe(source);
  for await (const entry of source) {
    if (entry.header.name.split("/").includes(CLAIMS_DIR)) {
      entry.resume();
      continue;
    }
    const body = await buffer(entry);
    await new Promise<void>((resolve, reject) =>
      target.entry(entry.header, body, (error) => (error ? reject(error) : resolve())),
    );
  }
  target.finalize();
  return packed;
}
