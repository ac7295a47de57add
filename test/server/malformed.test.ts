import { describeEachDatabase, useTestServer } from "../support/server";
import { type TenantFixture, setUpTenant } from "./tenant-fixture";

const INJECTIONS = [
  "'; DROP TABLE cost_lines; --",
  'Robert"); DELETE FROM members; --',
  "x' OR '1'='1",
  "$1 $2 \\N \\. %s {}",
  "Zürich Büro ✓ 東京",
  '=HYPERLINK("http://example.com")',
];

describeEachDatabase("malformed and hostile input", (kind) => {
  const server = useTestServer(kind, { bodyLimit: 64 * 1024, jsonBodyLimit: 16 * 1024 });
  let tenant: TenantFixture;
  let costLines: string;

  beforeAll(async () => {
    tenant = await setUpTenant(server(), "Hostile");
    costLines = `/api/v1/versions/${tenant.draft.versionId}/cost-lines`;
  });

  async function state() {
    const id = tenant.draft.versionId;
    const count = async (table: string) =>
      (
        await server().db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE version_id = $1`, [
          id,
        ])
      ).rows[0].n;
    const version = await server().call("GET", `/api/v1/versions/${id}`, { token: tenant.viewerToken });
    return {
      revision: version.body.revision,
      costLines: await count("cost_lines"),
      members: await count("members"),
      quantities: await count("driver_quantities"),
      rules: await count("allocation_rules"),
    };
  }

  async function expectRefused(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string> },
    status: number,
    code: string,
  ) {
    const before = await state();
    const response = await server().call(method, path, { token: tenant.adminToken, ...options });
    expect([response.status, response.body?.error?.code]).toEqual([status, code]);
    expect(typeof response.body.error.message).toBe("string");
    expect(await state()).toEqual(before);
    return response.body.error;
  }

  test("a value of the wrong type: 400 naming the field, nothing written", async () => {
    const error = await expectRefused(
      "POST",
      costLines,
      { body: { costLines: [{ pool: "Hardware", period: "2026-03", scenario: "Actual", amount: 12.5 }] } },
      400,
      "validation",
    );
    expect(error.message).toBe(
      "The request body is not valid: costLines.0.amount: Invalid input: expected string, received number",
    );
    expect(error.details).toEqual([
      { in: "body", path: "costLines.0.amount", message: "Invalid input: expected string, received number" },
    ]);
  });

  test("every bad field of a request is listed", async () => {
    const error = await expectRefused(
      "POST",
      costLines,
      {
        body: {
          costLines: [
            { pool: "Hardware", period: "2026-13", scenario: "Actual", amount: "1e3" },
            { pool: "", period: "2026-01", scenario: "Actual", amount: "1.00" },
          ],
        },
      },
      400,
      "validation",
    );
    expect(error.details.map((d: { path: string }) => d.path).sort()).toEqual(
      ["costLines.0.amount", "costLines.0.period", "costLines.1.pool"].sort(),
    );
    expect(error.details.find((d: { path: string }) => d.path === "costLines.0.amount").message).toBe(
      'must be a decimal number written as text, e.g. "1234.56"',
    );
  });

  test("members the version does not have: 422 listing each, nothing written", async () => {
    const error = await expectRefused(
      "POST",
      costLines,
      {
        body: {
          costLines: [
            { pool: "Hardware", period: "2026-03", scenario: "Actual", amount: "1.00" },
            {
              pool: "Nonexistent Pool",
              period: "2026-03",
              scenario: "Plan B",
              amount: "2.00",
              consumer: "Nobody",
            },
          ],
        },
      },
      422,
      "invalid_content",
    );
    expect(error.details).toEqual([
      { path: "costLines.1.pool", message: 'the pool "Nonexistent Pool" is not in this version' },
      { path: "costLines.1.consumer", message: 'the consumer "Nobody" is not in this version' },
      { path: "costLines.1.scenario", message: 'the scenario "Plan B" is not in this version' },
    ]);
    expect(error.message).toBe(
      'Nothing was written: costLines.1.pool: the pool "Nonexistent Pool" is not in this version (and 2 more problems)',
    );
  });

  test("broken JSON, an empty JSON body and a wrong content type", async () => {
    await expectRefused(
      "POST",
      costLines,
      { body: '{"costLines": [', headers: { "content-type": "application/json" } },
      400,
      "invalid_json",
    );
    await expectRefused(
      "POST",
      costLines,
      { body: "", headers: { "content-type": "application/json" } },
      400,
      "invalid_json",
    );
    await expectRefused(
      "POST",
      costLines,
      { body: "pool=Hardware", headers: { "content-type": "text/plain" } },
      415,
      "unsupported_media_type",
    );
    await expectRefused(
      "POST",
      costLines,
      {
        body: '{"__proto__": {"admin": true}, "costLines": []}',
        headers: { "content-type": "application/json" },
      },
      400,
      "invalid_json",
    );
  });

  test("a body over the limit: 413, nothing written", async () => {
    const many = Array.from({ length: 2000 }, () => ({
      pool: "Hardware",
      period: "2026-03",
      scenario: "Actual",
      amount: "1.00",
    }));
    const error = await expectRefused(
      "POST",
      costLines,
      { body: { costLines: many } },
      413,
      "payload_too_large",
    );
    expect(error.message).toBe("The request body is too large: the limit is 64 KB");
    const big = { name: "x".repeat(20 * 1024), currency: "EUR" };
    const small = await expectRefused("POST", "/api/v1/models", { body: big }, 413, "payload_too_large");
    expect(small.message).toBe("The request body is too large: the limit is 16 KB");
  });

  test("malformed ids and query strings: 400", async () => {
    await expectRefused("GET", "/api/v1/versions/not-an-id/members", {}, 400, "validation");
    await expectRefused("GET", `${costLines}?limit=many`, {}, 400, "validation");
    await expectRefused("GET", `${costLines}?limit=100000`, {}, 400, "validation");
    await expectRefused(
      "GET",
      `/api/v1/versions/${tenant.draft.versionId}/members?dimension=planet`,
      {},
      400,
      "validation",
    );
    await expectRefused("GET", "/api/v1/no-such-route", {}, 404, "not_found");
  });

  test("injection strings are stored and returned verbatim and do no harm", async () => {
    const members = INJECTIONS.map((name) => ({
      dimension: "consumer",
      name,
      parent: null,
      attributes: { note: name },
    }));
    const upsert = await server().call("POST", `/api/v1/versions/${tenant.draft.versionId}/members`, {
      token: tenant.editorToken,
      body: { members },
    });
    expect(upsert.status).toBe(200);
    const lines = INJECTIONS.map((name, i) => ({
      pool: "Hardware",
      consumer: name,
      period: "2026-05",
      scenario: "Actual",
      amount: `${i}.01`,
      description: name,
    }));
    expect(
      (await server().call("POST", costLines, { token: tenant.editorToken, body: { costLines: lines } }))
        .status,
    ).toBe(200);

    const read = await server().call("GET", `${costLines}?period=2026-05&limit=100`, {
      token: tenant.viewerToken,
    });
    expect(read.body.costLines.map((l: { consumer: string }) => l.consumer)).toEqual(INJECTIONS);
    expect(read.body.costLines.map((l: { description: string }) => l.description)).toEqual(INJECTIONS);
    const consumers = await server().call(
      "GET",
      `/api/v1/versions/${tenant.draft.versionId}/members?dimension=consumer`,
      {
        token: tenant.viewerToken,
      },
    );
    for (const member of members) expect(consumers.body.members).toContainEqual(member);

    const tables = await server().db.query<{ n: string }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('cost_lines', 'members')",
    );
    expect(tables.rows[0].n).toBe("2");
    const byName = await server().call(
      "DELETE",
      `/api/v1/versions/${tenant.draft.versionId}/members/consumer/${encodeURIComponent(INJECTIONS[0])}`,
      { token: tenant.editorToken },
    );
    expect(byName.status).toBe(409);
    expect(byName.body.error.message).toBe(`The consumer "${INJECTIONS[0]}" is still used by 1 cost lines`);
  });
});
