import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { type TestResponse, type TestServer, startTestServer } from "../support/server";
import { type TenantFixture, setUpTenant } from "./tenant-fixture";
import { until } from "../support/until";

const CSV = { "content-type": "text/csv" };
const XLSX = { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };

function importInto(
  server: TestServer,
  tenant: TenantFixture,
  query: string,
  body: string | Buffer,
  headers: Record<string, string> = CSV,
): Promise<TestResponse> {
  return server.call("POST", `/api/v1/versions/${tenant.draft.versionId}/import?${query}`, {
    token: tenant.editorToken,
    body,
    headers,
  });
}

const visibleLines = async (server: TestServer, tenant: TenantFixture): Promise<number> => {
  let count = 0;
  let after = "";
  for (;;) {
    const page = await server.call(
      "GET",
      `/api/v1/versions/${tenant.draft.versionId}/cost-lines?limit=1000${after === "" ? "" : `&after=${after}`}`,
      { token: tenant.viewerToken },
    );
    count += page.body.costLines.length;
    if (page.body.next === null) return count;
    after = page.body.next;
  }
};

const storedLines = async (server: TestServer, tenant: TenantFixture): Promise<number> =>
  Number(
    (
      await server.db.query<{ n: string }>("SELECT count(*) AS n FROM cost_lines WHERE version_id = $1", [
        tenant.draft.versionId,
      ])
    ).rows[0].n,
  );

const csvOf = (rows: number, line: (i: number) => string): string =>
  ["pool,period,scenario,amount,description", ...Array.from({ length: rows }, (_, i) => line(i))].join("\n");

/**
 * Holds the import's record locked on PostgreSQL, so that the import stops at its next progress note
 * with a batch written: then what others see while it runs can be looked at, on any machine speed.
 */
async function pauseImport(server: TestServer, importId: string): Promise<() => Promise<void>> {
  await until(
    async () => (await server.db.query("SELECT 1 FROM imports WHERE id = $1", [importId])).rows.length === 1,
    "the import to start",
  );
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holding = server.db.transaction(async (tx) => {
    // Not FOR UPDATE: the rows' reference to their import must still be able to take its key share.
    await tx.query("SELECT id FROM imports WHERE id = $1 FOR NO KEY UPDATE", [importId]);
    locked();
    await released;
  });
  await isLocked;
  await until(async () => {
    const waiting = await server.db.query(
      "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE imports%'",
    );
    return waiting.rows.length > 0;
  }, "the import to wait on its record");
  return async () => {
    release();
    await holding;
  };
}

describe("a long import on PostgreSQL", () => {
  let server: TestServer;
  let tenant: TenantFixture;
  beforeAll(async () => {
    server = await startTestServer({ db: "postgres", config: { maxConcurrentImports: 1 } });
    tenant = await setUpTenant(server, "Streaming");
  });
  afterAll(() => server.close());

  test("writes in batches that stay invisible until it commits, tells its progress, and makes a second import wait its turn", async () => {
    const before = { visible: await visibleLines(server, tenant), stored: await storedLines(server, tenant) };
    const importId = randomUUID();
    const file = csvOf(30_000, (i) => `Hardware,2026-0${1 + (i % 9)},Budget,${i}.25,line ${i}`);
    const sent = importInto(server, tenant, `kind=cost_lines&importId=${importId}&filename=budget.csv`, file);
    const resume = await pauseImport(server, importId);
    let resumed = false;
    try {
      const progress = await server.call("GET", `/api/v1/imports/${importId}`, { token: tenant.viewerToken });
      expect(progress.status).toBe(200);
      expect(progress.body).toMatchObject({
        importId,
        versionId: tenant.draft.versionId,
        kind: "cost_lines",
        filename: "budget.csv",
        status: "running",
        bytesTotal: Buffer.byteLength(file),
        badRows: 0,
      });
      // Its first batch is written (the note saying so is what waits); no reader sees those rows.
      expect(await storedLines(server, tenant)).toBeGreaterThan(before.stored);
      expect(await visibleLines(server, tenant)).toBe(before.visible);
      const version = await server.call("GET", `/api/v1/versions/${tenant.draft.versionId}`, {
        token: tenant.viewerToken,
      });
      expect(version.body.revision).toBe(1);
      // One import at a time here: a second is refused at once with when to try again.
      const second = await importInto(
        server,
        tenant,
        "kind=cost_lines",
        csvOf(1, () => "Hardware,2026-01,Budget,1,x"),
      );
      expect(second.status).toBe(503);
      expect(second.body.error.code).toBe("busy_importing");
      expect(second.body.error.message).toContain("nothing was imported");
      expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
      await resume();
      resumed = true;
      const done = await sent;
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ importId, costLines: 30_000, revision: 2 });
    } finally {
      if (!resumed) {
        await resume();
        await sent.catch(() => undefined);
      }
    }
    expect(await visibleLines(server, tenant)).toBe(before.visible + 30_000);
    const finished = await server.call("GET", `/api/v1/imports/${importId}`, { token: tenant.viewerToken });
    expect(finished.body).toMatchObject({
      status: "committed",
      rowsRead: 30_000,
      rowsWritten: 30_000,
      bytesRead: Buffer.byteLength(file),
    });
    const again = await importInto(
      server,
      tenant,
      `kind=cost_lines&importId=${importId}`,
      csvOf(1, () => "Hardware,2026-01,Budget,1,x"),
    );
    expect(again.status).toBe(409);
  });
});

describe("imports that must be refused", () => {
  let server: TestServer;
  let tenant: TenantFixture;
  beforeAll(async () => {
    server = await startTestServer({ db: "pglite" });
    tenant = await setUpTenant(server, "Refusals");
  });
  afterAll(() => server.close());

  test("20,000 bad rows: the first 1,000 are listed with the total, in well under 1 MB, and nothing is kept", async () => {
    const before = await storedLines(server, tenant);
    const file = csvOf(20_000, (i) => `Hardware,2026-13,Budget,${i},line ${i}`);
    const answer = await importInto(server, tenant, "kind=cost_lines", file);
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe("import_rejected");
    expect(answer.body.error.message).toBe(
      "20,000 rows have errors; nothing was imported; the first 1,000 of its 20,000 problems are listed",
    );
    expect(answer.body.error.details).toHaveLength(1000);
    expect(answer.headers.get("import-rows-with-errors")).toBe("20000");
    expect(answer.body.error.details[0]).toEqual({
      row: 2,
      column: "period",
      reason: '"2026-13" is not a month: write it as YYYY-MM (2027-03) or as a date (2027-03-15)',
    });
    expect(Buffer.byteLength(answer.text)).toBeLessThan(1024 * 1024);
    expect(await storedLines(server, tenant)).toBe(before);
    const imports = await server.db.query(
      "SELECT 1 FROM imports WHERE version_id = $1 AND status <> 'committed'",
      [tenant.draft.versionId],
    );
    expect(imports.rows).toEqual([]);
  });

  test("bad rows after good ones: the rows already written are removed again", async () => {
    const before = await storedLines(server, tenant);
    const file = csvOf(5_000, (i) =>
      i === 4_500 ? "Hardware,2026-01,Budget,abc,bad" : `Hardware,2026-01,Budget,${i},good`,
    );
    const answer = await importInto(server, tenant, "kind=cost_lines", file);
    expect(answer.status).toBe(422);
    expect(answer.body.error.details).toEqual([
      { row: 4_502, column: "amount", reason: '"abc" is not a number' },
    ]);
    expect(await storedLines(server, tenant)).toBe(before);
  });

  test("a Windows-1252 file is refused naming the row and the cure, and is read when its encoding is given", async () => {
    const file = Buffer.concat([
      Buffer.from(
        "pool,period,scenario,amount,description\nHardware,2026-01,Budget,1,plain\nHardware,2026-01,Budget,2,Caf",
      ),
      Buffer.from([0xe9]),
      Buffer.from("\n"),
    ]);
    const refused = await importInto(server, tenant, "kind=cost_lines", file);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([
      {
        row: 3,
        column: "",
        reason:
          'the file is not UTF-8 text: this row has the byte 0xE9, which Excel\'s "CSV (Comma delimited)" writes for letters such as é; ' +
          'save the file as "CSV UTF-8 (Comma delimited)", or import it with the encoding windows-1252',
      },
    ]);
    const read = await importInto(server, tenant, "kind=cost_lines&encoding=windows-1252", file);
    expect(read.status).toBe(200);
    const stored = await server.db.query<{ description: string }>(
      "SELECT description FROM cost_lines WHERE import_id = $1 ORDER BY id",
      [read.body.importId],
    );
    expect(stored.rows.map((r) => r.description)).toEqual(["plain", "Café"]);
  });

  test("NUL, control characters and direction marks in a cell are row errors, not failures", async () => {
    const file = [
      "pool,period,scenario,amount,description",
      "Hard\u0000ware,2026-01,Budget,1,x",
      "Hardware,2026-01,Bud\u202Eget,1,x",
      "Hardware,2026-01,Budget,1,x\u0007",
    ].join("\n");
    const answer = await importInto(server, tenant, "kind=cost_lines", file);
    expect(answer.status).toBe(422);
    expect(answer.body.error.details).toEqual([
      { row: 2, column: "pool", reason: "the cost pool must not contain control characters (it has U+0000)" },
      {
        row: 3,
        column: "scenario",
        reason:
          "the scenario must not contain invisible direction marks (it has U+202E), which make text display differently from what it is",
      },
      {
        row: 4,
        column: "description",
        reason: "the description must not contain control characters (it has U+0007)",
      },
    ]);
  });

  test("a workbook whose shared strings unpack to more than the limit is refused before it is read", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Costs").addRows([
      ["pool", "period", "scenario", "amount"],
      ["Hardware", "2026-01", "Budget", 1],
    ]);
    const zip = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
    const filler = `<si><t>${"A".repeat(1000)}</t></si>`;
    zip.file(
      "xl/sharedStrings.xml",
      `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${filler.repeat(70_000)}</sst>`,
    );
    const bomb = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const answer = await importInto(server, tenant, "kind=cost_lines", bomb, XLSX);
    expect(answer.status).toBe(422);
    expect(answer.body.error.details).toEqual([
      {
        row: 0,
        column: "",
        reason:
          "its part xl/sharedStrings.xml unpacks to 68 MB, more than the 64 MB a workbook part may hold; save it as CSV UTF-8 and import that",
      },
    ]);
  });
});
