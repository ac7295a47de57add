import { readFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import { importDocument } from "../support/import-model";
import { type DatabaseKind, type TestServer, describeEachDatabase, useTestServer } from "../support/server";

const SAMPLE = path.resolve(__dirname, "../..", "../shared/data/focus-1.0-sample.csv");
const CSV = { "content-type": "text/csv" };
const XLSX = { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };

let models = 0;

describeEachDatabase("import route", (kind: DatabaseKind) => {
  const server = useTestServer(kind);
  let editor: string;
  let viewer: string;
  let draft: string;
  let published: string;

  async function restore(status: "draft" | "published"): Promise<string> {
    const admin = await server().tokenFor("Importers", "admin");
    const doc = importDocument(`Import model ${++models}`, status);
    const response = await server().call("POST", "/api/v1/models/restore", { token: admin, body: doc });
    expect(response.status).toBe(201);
    return response.body.version.id as string;
  }

  beforeAll(async () => {
    editor = await server().tokenFor("Importers", "editor");
    viewer = await server().tokenFor("Importers", "viewer");
    draft = await restore("draft");
    published = await restore("published");
  });

  const importFile = (
    versionId: string,
    query: string,
    body: string | Buffer,
    headers: Record<string, string> = CSV,
    token = editor,
  ) => server().call("POST", `/api/v1/versions/${versionId}/import?${query}`, { token, body, headers });

  async function count(sql: string, versionId: string): Promise<number> {
    const result = await (server() as TestServer).db.query<{ n: string }>(sql, [versionId]);
    return Number(result.rows[0].n);
  }
  const costLines = (v: string) => count("SELECT count(*) AS n FROM cost_lines WHERE version_id = $1", v);
  const imports = (v: string) => count("SELECT count(*) AS n FROM imports WHERE version_id = $1", v);
  const revision = async (v: string) =>
    (await server().call("GET", `/api/v1/versions/${v}`, { token: viewer })).body.revision;

  it("lands a good CSV file whole, with its import record, audit entry and a new revision", async () => {
    const before = { lines: await costLines(draft), revision: await revision(draft) };
    const mapping = encodeURIComponent(JSON.stringify({ pool: "Cost Pool", amount: "Amount (USD)" }));
    const response = await importFile(
      draft,
      `kind=cost_lines&scenario=Budget&filename=budget.csv&mapping=${mapping}`,
      'Cost Pool,account,period,Amount (USD)\nStaffing,6100 Salaries,2026-03,"1,200.50"\nCloud Services,,2026-03-31,(20)\n',
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      kind: "cost_lines",
      count: 2,
      costLines: 2,
      driverQuantities: 0,
      newMembers: 0,
    });
    expect(response.body.revision).toBe(before.revision + 1);
    expect(response.headers.get("etag")).toBe(`"${draft}.${before.revision + 1}"`);
    expect(await costLines(draft)).toBe(before.lines + 2);
    const stored = await server().db.query<{
      pool: string;
      amount: string;
      scenario: string;
      import_id: string;
    }>(
      "SELECT pool, amount::text AS amount, scenario, import_id FROM cost_lines WHERE version_id = $1 AND period = '2026-03' ORDER BY id",
      [draft],
    );
    expect(stored.rows.map((r) => [r.pool, r.amount, r.scenario, r.import_id])).toEqual([
      ["Staffing", "1200.50", "Budget", response.body.importId],
      ["Cloud Services", "-20", "Budget", response.body.importId],
    ]);
    const record = await server().db.query<{ kind: string; filename: string; row_count: number }>(
      "SELECT kind, filename, row_count FROM imports WHERE id = $1",
      [response.body.importId],
    );
    expect(record.rows).toEqual([{ kind: "cost_lines", filename: "budget.csv", row_count: 2 }]);
    const admin = await server().tokenFor("Importers", "admin");
    const audit = await server().call("GET", "/api/v1/audit?limit=5", { token: admin });
    const entry = audit.body.entries.find((e: { action: string }) => e.action === "version.import");
    expect(entry).toMatchObject({
      targetId: draft,
      details: { importId: response.body.importId, costLines: 2 },
    });
  });

  it("rejects a file with bad rows, lists every one, and leaves no row behind", async () => {
    const before = {
      lines: await costLines(draft),
      imports: await imports(draft),
      revision: await revision(draft),
    };
    const response = await importFile(
      draft,
      "kind=cost_lines",
      [
        "pool,tower,period,scenario,amount",
        "Staffing,Compute,2026-04,Actual,10",
        "Stafing,Compute,2026-04,Actual,11",
        "Staffing,Compute,2026-13,Actual,12",
        "Staffing,Compute,2026-04,Forecast,abc",
        "Staffing,Compute,2026-04,Actual,13",
      ].join("\n"),
    );
    expect(response.status).toBe(422);
    expect(response.body.error).toEqual({
      code: "import_rejected",
      message: "3 rows have errors; nothing was imported",
      details: [
        { row: 3, column: "pool", reason: 'the pool "Stafing" is not in this version' },
        {
          row: 4,
          column: "period",
          reason: '"2026-13" is not a month: write it as YYYY-MM (2027-03) or as a date (2027-03-15)',
        },
        { row: 5, column: "amount", reason: '"abc" is not a number' },
      ],
    });
    expect(await costLines(draft)).toBe(before.lines);
    expect(await imports(draft)).toBe(before.imports);
    expect(await revision(draft)).toBe(before.revision);
  });

  it("a dry run answers as the import would and writes nothing, good file or bad", async () => {
    const before = {
      lines: await costLines(draft),
      imports: await imports(draft),
      revision: await revision(draft),
    };
    const admin = await server().tokenFor("Importers", "admin");
    const latestAudit = async () =>
      (await server().call("GET", "/api/v1/audit?limit=1", { token: admin })).body.entries[0] as unknown;
    const lastEntry = await latestAudit();
    const good = await importFile(
      draft,
      "kind=cost_lines&dryRun=1",
      "pool,period,scenario,amount\nStaffing,2026-05,Budget,10.25\nCloud Services,2026-05,Budget,4\n",
    );
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({
      dryRun: true,
      kind: "cost_lines",
      count: 2,
      costLines: 2,
      driverQuantities: 0,
      newMembers: 0,
      revision: before.revision,
    });
    expect(good.headers.get("etag")).toBe(`"${draft}.${before.revision}"`);
    const bad = await importFile(
      draft,
      "kind=cost_lines&dryRun=true",
      "pool,period,scenario,amount\nStaffing,2026-05,Budget,10\nStafing,2026-05,Budget,11\n",
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([
      { row: 3, column: "pool", reason: 'the pool "Stafing" is not in this version' },
    ]);
    expect({
      lines: await costLines(draft),
      imports: await imports(draft),
      revision: await revision(draft),
    }).toEqual(before);
    expect(await latestAudit()).toEqual(lastEntry);
    // The same file without dryRun lands: the dry run told the truth.
    const real = await importFile(
      draft,
      "kind=cost_lines&dryRun=0",
      "pool,period,scenario,amount\nStaffing,2026-05,Budget,10.25\nCloud Services,2026-05,Budget,4\n",
    );
    expect(real.status).toBe(200);
    expect(real.body.dryRun).toBeUndefined();
    expect(await costLines(draft)).toBe(before.lines + 2);
    const refused = await importFile(draft, "kind=cost_lines&dryRun=yes", "pool,period,amount\n");
    expect(refused.status).toBe(400);
  });

  it("warns of what the draft's allocation now refuses, dry run or not, and keeps the import", async () => {
    const fresh = await restore("draft");
    const clean = await importFile(
      fresh,
      "kind=cost_lines",
      "pool,period,scenario,amount\nStaffing,2026-06,Budget,10\n",
    );
    expect(clean.status).toBe(200);
    expect(clean.body.warnings).toEqual([]);
    // Cloud Services has no rule: its cost has nowhere to go in two months.
    const file =
      "pool,period,scenario,amount\nCloud Services,2026-06,Actual,5\nCloud Services,2026-07,Actual,6\n";
    const before = await costLines(fresh);
    const tried = await importFile(fresh, "kind=cost_lines&dryRun=1", file);
    expect(tried.status).toBe(200);
    const expected = [
      {
        code: "no_rule",
        message:
          'pool "Cloud Services" has cost to pass on but no pool-to-tower rule (in Actual 2026-06, Actual 2026-07)',
        months: 2,
      },
    ];
    expect(tried.body.warnings).toEqual(expected);
    expect(await costLines(fresh)).toBe(before);
    const landed = await importFile(fresh, "kind=cost_lines", file);
    expect(landed.status).toBe(200);
    expect(landed.body.warnings).toEqual(expected);
    expect(await costLines(fresh)).toBe(before + 2);
    // An import elsewhere is told of its own months only: Cloud Services in July is not its doing.
    const later = await importFile(
      fresh,
      "kind=cost_lines",
      "pool,period,scenario,amount\nStaffing,2026-08,Budget,3\n",
    );
    expect(later.body.warnings).toEqual([]);
    // Publishing refuses for the same reason, as the warning said.
    const admin = await server().tokenFor("Importers", "admin");
    const publish = await server().call("POST", `/api/v1/versions/${fresh}/publish`, { token: admin });
    expect(publish.status).toBe(422);
    expect(publish.body.error.details).toEqual(expected);
  });

  it("imports driver quantities from a workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Drivers");
    sheet.addRows([
      ["Driver", "Business Unit", "Month", "Quantity"],
      ["Headcount", "Sales", new Date(Date.UTC(2026, 4, 1)), 850],
      ["Headcount", "Finance", new Date(Date.UTC(2026, 4, 1)), 210.5],
    ]);
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    const mapping = encodeURIComponent(JSON.stringify({ member: "Business Unit", period: "Month" }));
    const response = await importFile(
      draft,
      `kind=driver_quantities&scenario=Budget&mapping=${mapping}`,
      body,
      XLSX,
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ driverQuantities: 2, costLines: 0 });
    const stored = await server().db.query<{ member: string; quantity: string }>(
      "SELECT member, quantity::text AS quantity FROM driver_quantities WHERE import_id = $1 ORDER BY member",
      [response.body.importId],
    );
    expect(stored.rows).toEqual([
      { member: "Finance", quantity: "210.5" },
      { member: "Sales", quantity: "850" },
    ]);
  });

  it("imports the FOCUS sample into one month, adding its business units as consumers", async () => {
    const version = await restore("draft");
    const response = await importFile(
      version,
      "kind=focus&bookToPeriod=2026-09&filename=focus.csv",
      await readFile(SAMPLE),
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ costLines: 1000, newMembers: 301 });
    const consumers = await server().call("GET", `/api/v1/versions/${version}/members?dimension=consumer`, {
      token: viewer,
    });
    expect(consumers.body.members).toHaveLength(2 + 301);
    expect(
      await count(
        "SELECT count(*) AS n FROM cost_lines WHERE version_id = $1 AND period = '2026-09' AND consumer IS NOT NULL",
        version,
      ),
    ).toBe(660);
    // The same file again adds its lines but no second copy of the consumers.
    const again = await importFile(version, "kind=focus&bookToPeriod=2026-09", await readFile(SAMPLE));
    expect(again.body).toMatchObject({ costLines: 1000, newMembers: 0 });
  });

  it("warns when a FOCUS file's months all fall outside the version's months, unless booked to one", async () => {
    const version = await restore("draft");
    await importFile(version, "kind=cost_lines", "pool,period,scenario,amount\nStaffing,2026-12,Actual,1\n");
    const outside = (body: { warnings: { code: string }[] }) =>
      body.warnings.filter((w) => w.code === "months_outside");
    const tried = await importFile(version, "kind=focus&dryRun=1", await readFile(SAMPLE));
    expect(tried.status).toBe(200);
    expect(outside(tried.body)).toEqual([
      {
        code: "months_outside",
        message: expect.stringMatching(
          /^the file's billing months \(2024-09\) all fall outside the months this version holds \(2026-01 to 2026-12\); to book the whole file into one of them, import it again with bookToPeriod, e.g. bookToPeriod=2026-12$/,
        ),
        months: 1,
      },
    ]);
    const booked = await importFile(
      version,
      "kind=focus&dryRun=1&bookToPeriod=2026-12",
      await readFile(SAMPLE),
    );
    expect(booked.status).toBe(200);
    expect(outside(booked.body)).toEqual([]);
    // Once the version holds the file's month, the same file gets no such warning.
    await importFile(version, "kind=cost_lines", "pool,period,scenario,amount\nStaffing,2024-09,Actual,1\n");
    const within = await importFile(version, "kind=focus&dryRun=1", await readFile(SAMPLE));
    expect(within.status).toBe(200);
    expect(outside(within.body)).toEqual([]);
  });

  it("names a cost pool the version lacks once when the import supplies it", async () => {
    const doc = importDocument(`No cloud ${++models}`, "draft");
    doc.members = doc.members.filter((m) => m.name !== "Cloud Services");
    const admin = await server().tokenFor("Importers", "admin");
    const version = (await server().call("POST", "/api/v1/models/restore", { token: admin, body: doc })).body
      .version.id;
    const body =
      "EffectiveCost,ChargePeriodStart,ServiceCategory\n1,2024-09-01,Compute\n2,2024-09-02,Compute\n";
    const response = await importFile(version, "kind=focus", body);
    expect(response.status).toBe(422);
    expect(response.body.error.details).toEqual([
      { row: 0, column: "pool", reason: 'the pool "Cloud Services" is not in this version' },
    ]);
  });

  it("refuses a published version, a stale If-Match, a viewer, another tenant and an unknown version", async () => {
    const body = "pool,period,scenario,amount\nStaffing,2026-01,Actual,1\n";
    expect((await importFile(published, "kind=cost_lines", body)).status).toBe(409);
    const stale = await importFile(draft, "kind=cost_lines", body, { ...CSV, "if-match": `"${draft}.1"` });
    expect([stale.status, stale.body.error.code]).toEqual([412, "precondition_failed"]);
    expect((await importFile(draft, "kind=cost_lines", body, CSV, viewer)).status).toBe(403);
    const stranger = await server().tokenFor("Strangers", "editor");
    expect((await importFile(draft, "kind=cost_lines", body, CSV, stranger)).status).toBe(404);
    expect((await importFile("00000000-0000-4000-8000-000000000000", "kind=cost_lines", body)).status).toBe(
      404,
    );
    expect(await costLines(published)).toBe(1);
  });

  it("answers malformed requests with 4xx and a clear message", async () => {
    const body = "pool,period,scenario,amount\nStaffing,2026-01,Actual,1\n";
    const noKind = await importFile(draft, "scenario=Actual", body);
    expect([noKind.status, noKind.body.error.code]).toEqual([400, "validation"]);
    const badMapping = await importFile(draft, "kind=cost_lines&mapping=%7Bpool", body);
    expect(badMapping.status).toBe(400);
    expect(badMapping.body.error.message).toContain("mapping");
    const json = await server().call("POST", `/api/v1/versions/${draft}/import?kind=cost_lines`, {
      token: editor,
      body: { costLines: [] },
    });
    expect([json.status, json.body.error.code]).toEqual([415, "unsupported_media_type"]);
    const plain = await importFile(draft, "kind=cost_lines", body, { "content-type": "text/plain" });
    expect(plain.status).toBe(415);
    const broken = await importFile(
      draft,
      "kind=cost_lines",
      'pool,period,scenario,amount\n"Staffing,2026-01,Actual,1\n',
    );
    expect([broken.status, broken.body.error.details[0].row]).toEqual([422, 2]);
    const notAWorkbook = await importFile(draft, "kind=cost_lines", body, XLSX);
    expect(notAWorkbook.body.error.details).toEqual([
      { row: 0, column: "", reason: "the file is not a readable Excel workbook (.xlsx)" },
    ]);
  });
});

describeEachDatabase("import route body limit", (kind: DatabaseKind) => {
  const server = useTestServer(kind, { bodyLimit: 64 * 1024 });

  it("refuses a file larger than the limit with 413 before reading it", async () => {
    const token = await server().tokenFor("Limited", "editor");
    const body = `pool,period,scenario,amount\n${"Staffing,2026-01,Actual,1\n".repeat(5000)}`;
    const response = await server().call(
      "POST",
      "/api/v1/versions/00000000-0000-4000-8000-000000000000/import?kind=cost_lines",
      {
        token,
        body,
        headers: CSV,
      },
    );
    expect([response.status, response.body.error.code]).toEqual([413, "payload_too_large"]);
  });
});
