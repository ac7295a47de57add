import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Decimal } from "../../src/engine/decimal";
import { type Database, DataDirInUseError, migrate, openDatabase } from "../../src/server/db";
import { readMigrations } from "../../src/server/db/migrate";
import type { ScriptDatabase } from "../../src/server/db/script";
import { seedDemo } from "../../src/server/seed";
import { describeEachDatabase, newPostgresDatabaseUrl, openTestDatabase } from "../support/server";
import { postgresAvailable } from "../support/postgres";

const AWKWARD = [
  "tab\there",
  "line\nbreak",
  "back\\slash",
  "\\N",
  "\\.",
  'quote"s',
  "it's",
  "{a,b}",
  "",
  "Zürich ✓",
];

describeEachDatabase("database access", (kind) => {
  let db: Database;
  let versionId: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const tenant = await db.query<{ id: string }>("INSERT INTO tenants (name) VALUES ('T') RETURNING id");
    const model = await db.query<{ id: string }>(
      "INSERT INTO models (tenant_id, name, currency) VALUES ($1, 'M', 'EUR') RETURNING id",
      [tenant.rows[0].id],
    );
    const version = await db.query<{ id: string }>(
      "INSERT INTO versions (tenant_id, model_id, label) VALUES ($1, $2, 'v') RETURNING id",
      [tenant.rows[0].id, model.rows[0].id],
    );
    versionId = version.rows[0].id;
  });

  afterAll(async () => {
    await db.close();
  });

  test("numeric and bigint come back as exact text", async () => {
    const result = await db.query(
      "SELECT 12345678901234567890.123456789012::numeric AS n, 9007199254740993::bigint AS b, count(*) AS c FROM tenants",
    );
    expect(result.rows[0]).toEqual({ n: "12345678901234567890.123456789012", b: "9007199254740993", c: "1" });
  });

  test("copyRows writes every value as given, in one transaction", async () => {
    const rows = AWKWARD.map((text, i) => [
      versionId,
      "pool",
      text === "" ? "(empty)" : text,
      i % 2 === 0 ? null : text,
      i % 3 === 0 ? { note: text } : JSON.stringify({ note: text }),
      i,
    ]);
    await db.transaction((tx) =>
      db.copyRows(
        tx,
        "members",
        ["version_id", "dimension", "name", "parent", "attributes", "position"],
        rows,
      ),
    );
    const back = await db.query<{ name: string; parent: string | null; attributes: { note: string } }>(
      "SELECT name, parent, attributes FROM members WHERE version_id = $1 ORDER BY position",
      [versionId],
    );
    expect(back.rows).toEqual(
      AWKWARD.map((text, i) => ({
        name: text === "" ? "(empty)" : text,
        parent: i % 2 === 0 ? null : text,
        attributes: { note: text },
      })),
    );

    const amounts = [new Decimal("0.1").plus("0.2"), "-1234567890.123456789", 7];
    await db.transaction((tx) =>
      db.copyRows(
        tx,
        "cost_lines",
        ["version_id", "pool", "period", "scenario", "amount"],
        amounts.map((amount) => [versionId, "(empty)", "2026-01", "Actual", amount]),
      ),
    );
    const stored = await db.query<{ amount: string }>(
      "SELECT amount FROM cost_lines WHERE version_id = $1 ORDER BY id",
      [versionId],
    );
    expect(stored.rows.map((r) => r.amount)).toEqual(["0.3", "-1234567890.123456789", "7"]);
  });

  test("copyRows refuses names that are not the table's", async () => {
    const copy = (table: string, columns: string[], rows: unknown[][]) =>
      db.transaction((tx) => db.copyRows(tx, table, columns, rows));
    await expect(copy("no_such_table", ["a"], [[1]])).rejects.toThrow('there is no table "no_such_table"');
    await expect(copy("scenarios", ["version_id", "colour"], [[versionId, "red"]])).rejects.toThrow(
      'has no column "colour"',
    );
    await expect(copy("scenarios; DROP TABLE members", ["name"], [["x"]])).rejects.toThrow(
      "is not a plain lower-case SQL name",
    );
    await expect(copy("scenarios", ["version_id", "name"], [[versionId]])).rejects.toThrow(
      "has 1 values for 2 columns",
    );
  });

  test("a transaction that fails leaves nothing behind", async () => {
    const count = async () =>
      (await db.query<{ n: string }>("SELECT count(*) AS n FROM scenarios")).rows[0].n;
    const before = await count();
    await expect(
      db.transaction(async (tx) => {
        await db.copyRows(tx, "scenarios", ["version_id", "name"], [[versionId, "Kept?"]]);
        await tx.query("INSERT INTO scenarios (version_id, name) VALUES ($1, 'Kept?')", [versionId]);
      }),
    ).rejects.toThrow();
    expect(await count()).toBe(before);
  });

  test("migrations are recorded and applied once", async () => {
    const applied = await db.query<{ version: string }>(
      "SELECT version FROM schema_migrations ORDER BY version",
    );
    expect(applied.rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
    expect(await migrate(db as ScriptDatabase)).toEqual([]);
  });
});

const onPostgres = postgresAvailable() ? describe : describe.skip;

onPostgres("several instances starting on one PostgreSQL database at once", () => {
  test("migrate it once and seed the demo once", async () => {
    const url = await newPostgresDatabaseUrl();
    const instances = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url })));
    try {
      const applied = await instances[0].query("SELECT version FROM schema_migrations");
      expect(applied.rows.length).toBe(readMigrations().length);
      const tokens = await Promise.all(instances.slice(0, 2).map((db) => seedDemo(db)));
      expect(tokens.filter((t) => t !== null).length).toBe(1);
      const tenants = await instances[2].query("SELECT name FROM tenants");
      expect(tenants.rows).toEqual([{ name: "Demo" }]);
      // Published on the day it was created: within a minute of its creation, never in the future.
      const versions = await instances[2].query<{ label: string; gap: number; future: boolean }>(
        `SELECT label, abs(extract(epoch FROM published_at - created_at))::float AS gap, published_at > now() AS future
           FROM versions WHERE status = 'published'`,
      );
      expect(versions.rows).toEqual([{ label: "FY2026-27 v1", gap: expect.any(Number), future: false }]);
      expect(versions.rows[0].gap).toBeLessThan(60);
    } finally {
      await Promise.all(instances.map((db) => db.close()));
    }
  });
});

describe("the embedded database's folder", () => {
  test("serves one process at a time and keeps its data", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-pglite-"));
    try {
      const first = await openDatabase({ dataDir: dir });
      await first.query("INSERT INTO tenants (name) VALUES ('Kept')");
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirInUseError);
      await first.close();
      fs.writeFileSync(path.join(dir, "itfm-server.lock"), "999999999");
      const second = await openDatabase({ dataDir: dir });
      expect((await second.query("SELECT name FROM tenants")).rows).toEqual([{ name: "Kept" }]);
      await second.close();
      expect(fs.existsSync(path.join(dir, "itfm-server.lock"))).toBe(false);
      expect(fs.readdirSync(path.join(dir, ".itfm-locks"))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
