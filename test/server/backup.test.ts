import { ModelVersionDocument } from "../../src/contract/model";
import { describeEachDatabase, useTestServer } from "../support/server";
import { documentFor, restore } from "./tenant-fixture";

describeEachDatabase("backup: export and restore", (kind) => {
  const server = useTestServer(kind);
  let alpha: string;
  let beta: string;

  beforeAll(async () => {
    alpha = await server().tokenFor("Backup Alpha", "admin");
    beta = await server().tokenFor("Backup Beta", "admin");
  });

  const exportOf = (token: string, versionId: string) =>
    server().call("GET", `/api/v1/versions/${versionId}/export`, { token });

  async function derivedRows(versionId: string) {
    const rows = async (sql: string) => (await server().db.query(sql, [versionId])).rows;
    return {
      memberCosts: await rows(
        "SELECT dimension, member, period, scenario, amount FROM member_costs WHERE version_id = $1 ORDER BY 1, 2, 3, 4",
      ),
      allocations: await rows(
        "SELECT dimension, member, consumer, period, scenario, amount FROM allocation_results WHERE version_id = $1 ORDER BY 1, 2, 3, 4, 5",
      ),
      rates: await rows(
        "SELECT service, period, scenario, cost, quantity FROM unit_rates WHERE version_id = $1 ORDER BY 1, 2, 3",
      ),
    };
  }

  test("a restored document exports as the document it came from", async () => {
    const doc = documentFor("Round trip", "v1", "draft");
    const restored = await restore(server(), alpha, doc);
    const exported = await exportOf(alpha, restored.version.id);
    expect(exported.status).toBe(200);
    const back = ModelVersionDocument.parse(exported.body);
    expect(back.model).toEqual(doc.model);
    expect(back.version).toEqual(doc.version);
    expect(back.costLines).toEqual(doc.costLines);
    expect(back.driverQuantities).toEqual(doc.driverQuantities);
    expect(back.rules).toEqual(doc.rules);
    expect(back.scenarios).toEqual(doc.scenarios);
    const byKey = (m: { dimension: string; name: string }) => `${m.dimension}/${m.name}`;
    expect([...back.members].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
      [...doc.members].sort((a, b) => byKey(a).localeCompare(byKey(b))),
    );
  });

  test("export, restore, export gives the same bytes: a draft changed through the API", async () => {
    const restored = await restore(server(), alpha, documentFor("Edited", "v1", "draft"));
    const id = restored.version.id;
    const edits = [
      () =>
        server().call("POST", `/api/v1/versions/${id}/members`, {
          token: alpha,
          body: {
            members: [
              {
                dimension: "consumer",
                name: "Ünïcode \"quoted\" 'unit'",
                parent: "All Units",
                attributes: { b: "2", a: "1" },
              },
              { dimension: "driver", name: "Licences", attributes: { unit: "seats" } },
            ],
          },
        }),
      () =>
        server().call("POST", `/api/v1/versions/${id}/cost-lines`, {
          token: alpha,
          body: {
            costLines: [
              {
                pool: "Hardware",
                period: "2026-01",
                scenario: "Budget",
                amount: "-0.10",
                description: "credit\nnote",
              },
              {
                pool: "Contractors",
                period: "2026-01",
                scenario: "Actual",
                amount: "1234567.123456789012",
                consumer: "Sales",
              },
            ],
          },
        }),
      () => server().call("DELETE", `/api/v1/versions/${id}/scenarios/Budget`, { token: alpha }),
    ];
    const statuses = [];
    for (const edit of edits) statuses.push((await edit()).status);
    expect(statuses).toEqual([200, 200, 409]);

    const first = await exportOf(alpha, id);
    const copy = await restore(server(), beta, first.body);
    const second = await exportOf(beta, copy.version.id);
    expect(second.text).toBe(first.text);
    expect(second.text).toContain('"amount":"1234567.123456789012"');
  });

  test("a published version is restored published, with the same results", async () => {
    const original = await restore(server(), alpha, documentFor("Published round trip", "v1", "published"));
    expect(original.version).toMatchObject({ status: "published" });
    const first = await exportOf(alpha, original.version.id);
    expect(first.body.version).toEqual({
      label: "v1",
      status: "published",
      publishedAt: "2026-02-01T09:30:00.000Z",
    });
    expect(first.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");

    const copy = await restore(server(), beta, first.body);
    const second = await exportOf(beta, copy.version.id);
    expect(second.text).toBe(first.text);
    const derived = await derivedRows(original.version.id);
    expect(derived.allocations.length).toBeGreaterThan(0);
    expect(await derivedRows(copy.version.id)).toEqual(derived);
  });

  test("a document published in the future is refused and nothing is restored", async () => {
    const doc = documentFor("Future backup", "v1", "published");
    doc.version.publishedAt = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    const response = await server().call("POST", "/api/v1/models/restore", { token: alpha, body: doc });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain("version.publishedAt");
    expect(response.body.error.details).toEqual([
      { in: "body", path: "version.publishedAt", message: "must not be later than now" },
    ]);
    const models = await server().call("GET", "/api/v1/models", { token: alpha });
    expect(models.body.models.map((m: { name: string }) => m.name)).not.toContain("Future backup");
  });

  test("a document that refers to members it lacks is refused whole", async () => {
    const doc = documentFor("Broken backup", "v1", "draft");
    doc.costLines.push({ pool: "Ghost pool", period: "2026-01", scenario: "Actual", amount: "1.00" });
    doc.rules.push({
      stage: "service_to_consumer",
      source: "Hosting",
      method: "even",
      targets: [{ member: "Nobody" }],
    });
    const response = await server().call("POST", "/api/v1/models/restore", { token: alpha, body: doc });
    expect(response.status).toBe(422);
    expect(response.body.error.details).toEqual([
      {
        path: `costLines.${doc.costLines.length - 1}.pool`,
        message: 'the pool "Ghost pool" is not in this version',
      },
      {
        path: `rules.${doc.rules.length - 1}.targets.0.member`,
        message: 'the consumer "Nobody" is not in this version',
      },
    ]);
    const models = await server().call("GET", "/api/v1/models", { token: alpha });
    expect(models.body.models.map((m: { name: string }) => m.name)).not.toContain("Broken backup");
  });

  test("a label the model has already, or a model of another currency: 409", async () => {
    await restore(server(), alpha, documentFor("Twice", "v1", "draft"));
    const again = await server().call("POST", "/api/v1/models/restore", {
      token: alpha,
      body: documentFor("Twice", "v1", "draft"),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('The model already has a version labelled "v1"');
    const doc = documentFor("Twice", "v2", "draft");
    const dollars = await server().call("POST", "/api/v1/models/restore", {
      token: alpha,
      body: { ...doc, model: { ...doc.model, currency: "USD" } },
    });
    expect(dollars.status).toBe(409);
    expect(dollars.body.error.message).toContain("exists in EUR");
  });

  test("a document of another format is refused", async () => {
    const doc = { ...documentFor("Other format", "v1", "draft"), format: "itfm-model-version/2" };
    const response = await server().call("POST", "/api/v1/models/restore", { token: alpha, body: doc });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe("format");
  });
});
