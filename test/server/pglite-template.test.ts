import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { extract } from "tar-stream";
import { MIGRATIONS_DIR, readMigrations } from "../../src/server/db/migrate";
import { openPglite } from "../../src/server/db/pglite";
import { templateFile } from "../../src/server/db/pglite-template";

/**
 * A new embedded database starts from the kept copy of an empty, migrated one. Each test keeps its copy
 * in a folder of its own, so that the project's copy, which other test files use meanwhile, is untouched.
 */
let scratch: string;
let copy: string;

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-template-"));
  copy = path.join(scratch, "cache", "pglite-test.tar");
});

afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

const versions = readMigrations().map((migration) => migration.version);

async function migrationsOf(dataDir: string): Promise<{ versions: string[]; appliedAt: Date[] }> {
  const db = await openPglite(dataDir, copy);
  try {
    const { rows } = await db.query<{ version: string; applied_at: Date }>(
      "SELECT version, applied_at FROM schema_migrations ORDER BY version",
    );
    return { versions: rows.map((row) => row.version), appliedAt: rows.map((row) => row.applied_at) };
  } finally {
    await db.close();
  }
}

test("the first new database leaves a copy; the next starts from it, migrated and dated when it was made", async () => {
  expect(fs.existsSync(copy)).toBe(false);
  await expect(migrationsOf("memory://")).resolves.toMatchObject({ versions });
  expect(fs.statSync(copy).size).toBeGreaterThan(1_000_000);
  const kept = fs.readFileSync(copy);

  const before = new Date();
  const second = await migrationsOf("memory://");
  expect(second.versions).toEqual(versions);
  for (const at of second.appliedAt) expect(at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  // The copy is made once: the second database read it and left it as it was.
  expect(fs.readFileSync(copy).equals(kept)).toBe(true);
});

test("a database in a new folder starts from the copy and keeps what is written to it", async () => {
  await migrationsOf("memory://");
  const folder = path.join(scratch, "data");
  const db = await openPglite(folder, copy);
  await db.query("INSERT INTO tenants (name) VALUES ('Kept')");
  await db.close();
  expect(fs.existsSync(path.join(folder, "PG_VERSION"))).toBe(true);

  const reopened = await openPglite(folder, copy);
  try {
    const { rows } = await reopened.query<{ name: string }>("SELECT name FROM tenants");
    expect(rows).toEqual([{ name: "Kept" }]);
  } finally {
    await reopened.close();
  }
});

async function entriesOf(tar: string): Promise<string[]> {
  const source = extract();
  Readable.from([fs.readFileSync(tar)]).pipe(source);
  const names: string[] = [];
  for await (const entry of source) {
    names.push(entry.header.name);
    entry.resume();
  }
  return names;
}

test("a folder that already holds other files gives no copy: its files never reach a later database", async () => {
  const folder = path.join(scratch, "data");
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, "notes.txt"), "the administrator's notes");
  await expect(migrationsOf(folder)).resolves.toMatchObject({ versions });
  expect(fs.existsSync(copy)).toBe(false);
});

test("a copy that cannot be loaded is forgotten: the database is made the long way and leaves a good copy", async () => {
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.writeFileSync(copy, "not a database");
  await expect(migrationsOf(path.join(scratch, "data"))).resolves.toMatchObject({ versions });
  expect(fs.statSync(copy).size).toBeGreaterThan(1_000_000);
  // The good copy, made by a folder database, holds PostgreSQL's files only, not that folder's lock claim:
  // a database started from it sees no claim but its own.
  const names = await entriesOf(copy);
  expect(names).toContain("/PG_VERSION");
  expect(names.filter((name) => name.includes(".itfm-locks"))).toEqual([]);
  const folder = path.join(scratch, "second");
  const db = await openPglite(folder, copy);
  const claims = fs.readdirSync(path.join(folder, ".itfm-locks"));
  await db.close();
  expect(new Set(claims.map((name) => name.split(".")[0])).size).toBe(1);
  expect(claims.every((name) => name.startsWith(`${process.pid}-`))).toBe(true);
  expect(fs.readdirSync(path.join(folder, ".itfm-locks"))).toEqual([]);
  await expect(migrationsOf("memory://")).resolves.toMatchObject({ versions });
});

test("a folder that already holds other files is not given the copy", async () => {
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.writeFileSync(copy, "not a database");
  const folder = path.join(scratch, "data");
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, "notes.txt"), "the administrator's notes");
  await expect(migrationsOf(folder)).resolves.toMatchObject({ versions });
  // The copy was never tried (a failed load would have cleared the folder and forgotten the copy).
  expect(fs.readFileSync(copy, "utf8")).toBe("not a database");
  expect(fs.readFileSync(path.join(folder, "notes.txt"), "utf8")).toBe("the administrator's notes");
});

test("the copy is named by the migrations: a new migration never starts from an older copy", () => {
  const migrations = path.join(scratch, "migrations");
  fs.cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
  const before = templateFile(migrations);
  expect(templateFile(migrations)).toBe(before);
  fs.writeFileSync(path.join(migrations, "999_later.sql"), "CREATE TABLE later (id int);");
  expect(templateFile(migrations)).not.toBe(before);
});
