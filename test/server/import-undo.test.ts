import { importDocument } from "../support/import-model";
import { type DatabaseKind, describeEachDatabase, useTestServer } from "../support/server";

const CSV = { "content-type": "text/csv" };
let models = 0;

describeEachDatabase("undoing an import", (kind: DatabaseKind) => {
  const server = useTestServer(kind);
  let admin: string;
  let editor: string;

  async function restore(status: "draft" | "published"): Promise<string> {
    const doc = importDocument(`Undo model ${++models}`, status);
    const response = await server().call("POST", "/api/v1/models/restore", { token: admin, body: doc });
    expect(response.status).toBe(201);
    return response.body.version.id as string;
  }
  const importFile = (versionId: string, body: string) =>
    server().call("POST", `/api/v1/versions/${versionId}/import?kind=cost_lines&filename=march.csv`, {
      token: editor,
      body,
      headers: CSV,
    });
  const undo = (versionId: string, importId: string, token = editor) =>
    server().call("DELETE", `/api/v1/versions/${versionId}/imports/${importId}`, { token });
  const lines = async (versionId: string) =>
    (
      await server().db.query<{ pool: string; period: string; amount: string }>(
        "SELECT pool, period, amount::text AS amount FROM cost_lines WHERE version_id = $1 ORDER BY period, pool",
        [versionId],
      )
    ).rows;

  beforeAll(async () => {
    admin = await server().tokenFor("Undoers", "admin");
    editor = await server().tokenFor("Undoers", "editor");
  });

  it("removes exactly the rows of that import, bumps the revision and audits it", async () => {
    const draft = await restore("draft");
    const first = await importFile(
      draft,
      "pool,period,scenario,amount\nStaffing,2026-03,Budget,10.25\nCloud Services,2026-03,Budget,4\n",
    );
    const second = await importFile(draft, "pool,period,scenario,amount\nStaffing,2026-04,Budget,7\n");
    expect([first.status, second.status]).toEqual([200, 200]);
    const response = await undo(draft, first.body.importId);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ revision: second.body.revision + 1, count: 2 });
    // The line the model came with and the other import's line stay.
    expect(await lines(draft)).toEqual([
      { pool: "Staffing", period: "2026-01", amount: "100.00" },
      { pool: "Staffing", period: "2026-04", amount: "7" },
    ]);
    const audit = await server().call("GET", "/api/v1/audit?limit=1", { token: admin });
    expect(audit.body.entries[0]).toMatchObject({
      action: "version.import_undone",
      targetId: draft,
      details: {
        importId: first.body.importId,
        filename: "march.csv",
        kind: "cost_lines",
        costLines: 2,
        driverQuantities: 0,
      },
    });
    const again = await undo(draft, first.body.importId);
    expect([again.status, again.body.error.message]).toEqual([404, "The import was not found"]);
  });

  it("refuses a viewer, another tenant, another version and a published version", async () => {
    const draft = await restore("draft");
    const other = await restore("draft");
    const imported = await importFile(draft, "pool,period,scenario,amount\nStaffing,2026-05,Budget,1\n");
    const { importId } = imported.body;
    const viewer = await server().tokenFor("Undoers", "viewer");
    expect((await undo(draft, importId, viewer)).status).toBe(403);
    const stranger = await server().tokenFor("Strangers", "editor");
    expect((await undo(draft, importId, stranger)).status).toBe(404);
    expect((await undo(other, importId)).status).toBe(404);
    expect((await undo(draft, "not-an-id")).status).toBe(400);
    // An import still being read is not undone: it commits or is discarded on its own.
    const running = await server().db.query<{ id: string }>(
      `INSERT INTO imports (id, tenant_id, version_id, kind, filename, row_count, status)
       SELECT gen_random_uuid(), tenant_id, id, 'cost_lines', 'april.csv', 0, 'running' FROM versions WHERE id = $1
       RETURNING id`,
      [draft],
    );
    const stillRunning = await undo(draft, running.rows[0].id);
    expect([stillRunning.status, stillRunning.body.error.code]).toEqual([409, "import_running"]);
    const published = await restore("published");
    expect((await undo(published, importId)).status).toBe(409);
    expect(await lines(draft)).toContainEqual({ pool: "Staffing", period: "2026-05", amount: "1" });
  });
});
