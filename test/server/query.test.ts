import { MAX_QUERIES_PER_REQUEST, type QueryResult } from "../../src/contract/query";
import { type TestResponse, describeEachDatabase, useTestServer } from "../support/server";
import { handBuiltDocument } from "./publish.fixture";
import { restore } from "./tenant-fixture";

type Query = Record<string, unknown>;

const cost = (member: string, period: string, more: Query = {}): Query => ({
  kind: "cost",
  member,
  period,
  ...more,
});
const allocated = (member: string, consumer: string, period: string): Query => ({
  kind: "allocated",
  member,
  consumer,
  period,
});
const values = (...texts: string[]): QueryResult[] => texts.map((value) => ({ value }));
const na = (message: string): QueryResult => ({ error: { code: "NA", message } });

describeEachDatabase("the batch query", (kind) => {
  const server = useTestServer(kind);
  let adminToken: string;
  let viewerToken: string;
  let publishedId: string;
  let draftId: string;

  async function post(body: Query, options: { token?: string; headers?: Record<string, string> } = {}) {
    return server().call("POST", "/api/v1/query", {
      token: options.token ?? viewerToken,
      body,
      headers: options.headers,
    });
  }

  /** The answers to queries about the published "v1" (or another version). */
  async function ask(queries: Query[], version = "v1"): Promise<QueryResult[]> {
    const response = await post({ model: "Hand-built", version, queries });
    expect(response.status).toBe(200);
    return response.body.results as QueryResult[];
  }

  beforeAll(async () => {
    adminToken = await server().tokenFor("Analysts", "admin");
    viewerToken = await server().tokenFor("Analysts", "viewer");
    publishedId = (await restore(server(), adminToken, handBuiltDocument())).version.id;
    const published = await server().call("POST", `/api/v1/versions/${publishedId}/publish`, {
      token: adminToken,
    });
    expect(published.status).toBe(200);
    const draft = {
      ...handBuiltDocument(),
      version: { label: "v2", status: "draft" as const, publishedAt: null },
    };
    draftId = (await restore(server(), adminToken, draft)).version.id;
  });

  describe("COST", () => {
    test("a member's cost for a month, rolled up to parents", async () => {
      expect(
        await ask([
          cost("Internal Labor", "2026-01"),
          cost("Staffing", "2026-01"),
          cost("Compute", "2026-02"),
          cost("Hosting", "2026-01"),
          cost("Salaries", "2026-01"),
          cost("Sales", "2026-01"),
          cost("All Units", "2026-01"),
        ]),
      ).toEqual(values("430.00", "550.00", "50.04", "620.00", "400.00", "287.09", "900.00"));
    });

    test("quarters, calendar years and fiscal years (this model's starts in July)", async () => {
      expect(
        await ask([
          cost("Internal Labor", "2026-Q1"),
          cost("Sales", "2026-Q1"),
          cost("Hardware", "2026"),
          cost("Hardware", "FY2026"),
          cost("Hardware", "fy2027"),
          cost("Salaries", "2026-Q2"),
        ]),
      ).toEqual(values("530.01", "324.47", "350.05", "350.05", "0.00", "0.00"));
    });

    test("another scenario, and one the version does not have", async () => {
      expect(
        await ask([
          cost("Hardware", "2026-01", { scenario: "Budget" }),
          cost("Hardware", "2026-01", { scenario: "Plan" }),
        ]),
      ).toEqual([{ value: "0.00" }, na('unknown scenario "Plan" in model "Hand-built" version "v1"')]);
    });

    test("an unknown member suggests the member it most likely means, of the dimensions asked", async () => {
      const where = 'in model "Hand-built" version "v1"';
      expect(
        await ask([
          cost("Hardwre", "2026-01"),
          cost("internal lab", "2026-01"),
          cost("Zzyzx", "2026-01"),
          { kind: "allocated", member: "Staffing", consumer: "Sals", period: "2026-01" },
        ]),
      ).toEqual([
        na(`unknown member "Hardwre" ${where} — did you mean "Hardware"?`),
        na(`unknown member "internal lab" ${where} — did you mean "Internal Labor"?`),
        na(`unknown member "Zzyzx" ${where}`),
        na(`unknown consumer member "Sals" ${where} — did you mean "Sales"?`),
      ]);
    });
  });

  describe("ALLOCATED, DRIVER and RATE", () => {
    test("what a member passes to a consumer, rolled up on both sides", async () => {
      expect(
        await ask([
          allocated("Storage", "Sales", "2026-01"),
          allocated("Hosting", "All Units", "2026-01"),
          allocated("Staffing", "All Units", "2026-01"),
          allocated("IT Management", "Research", "2026-01"),
          allocated("Sales", "Sales", "2026-01"),
          allocated("Storage", "Marketing", "2026-01"),
        ]),
      ).toEqual([
        ...values("75.00", "620.00", "550.00", "6.67"),
        na('"Sales" is a consumer: only pools, towers and services are allocated to consumers'),
        na('unknown consumer member "Marketing" in model "Hand-built" version "v1"'),
      ]);
    });

    test("driver quantities summed over the period and the member's children", async () => {
      expect(
        await ask([
          { kind: "driver", driver: "Headcount", consumer: "All Units", period: "2026-Q1" },
          { kind: "driver", driver: "Servers", consumer: "Sales", period: "2026" },
          { kind: "driver", driver: "FTE", consumer: "Compute", period: "2026-01" },
          { kind: "driver", driver: "Printers", consumer: "Sales", period: "2026" },
        ]),
      ).toEqual([
        ...values("40", "2", "2"),
        na('unknown driver member "Printers" in model "Hand-built" version "v1"'),
      ]);
    });

    test("unit rates: charged-out cost over the rate driver's volume, to six decimals", async () => {
      expect(
        await ask([
          { kind: "rate", service: "Hosting", period: "2026-01" },
          { kind: "rate", service: "Hosting", period: "2026-Q1" },
          { kind: "rate", service: "Service Desk", period: "2026-01" },
          { kind: "rate", service: "IT Management", period: "2026-01" },
          { kind: "rate", service: "Hosting", period: "2026-03" },
        ]),
      ).toEqual([
        // 711.66 / 4; (711.66 + 75.89) / 7; 82.67 / 4.
        ...values("177.915000", "112.507143", "20.667500"),
        na(
          'service "IT Management" has no unit rate in model "Hand-built" version "v1": no volume driver is named for it in the model, so its cost is not charged per unit (RATE works for services charged by a driver such as VM hours)',
        ),
        {
          error: {
            code: "DIV0",
            message:
              'service "Hosting" has no "Servers" quantity in Actual 2026-03: its rate would divide by zero',
          },
        },
      ]);
    });
  });

  describe("MEMBERS and MODEL", () => {
    test("member lists in the model's order", async () => {
      expect(
        await ask([
          { kind: "members", dimension: "pool" },
          { kind: "members", dimension: "pool", parent: "Staffing" },
          { kind: "members", dimension: "period" },
          { kind: "members", dimension: "period", parent: "FY2027" },
          { kind: "members", dimension: "scenario" },
          { kind: "members", dimension: "tower", parent: "Mainframe" },
        ]),
      ).toEqual([
        { value: ["Staffing", "Internal Labor", "Contractors", "Hardware"] },
        { value: ["Internal Labor", "Contractors"] },
        { value: ["2026-01", "2026-02"] },
        { value: [] },
        { value: ["Actual", "Budget"] },
        na('unknown tower member "Mainframe" in model "Hand-built" version "v1"'),
      ]);
    });

    test("facts about the model for report headers", async () => {
      const fields = ["name", "version", "status", "published", "currency", "server"];
      const [version] = (
        await server().db.query<{ at: Date }>("SELECT published_at AS at FROM versions WHERE id = $1", [
          publishedId,
        ])
      ).rows;
      expect(await ask(fields.map((field) => ({ kind: "model", field })))).toEqual(
        values("Hand-built", "v1", "published", new Date(version.at).toISOString(), "EUR", server().url),
      );
    });
  });

  describe("a batch", () => {
    test("one bad query gets its own error in its place and never fails the others", async () => {
      expect(
        await ask([
          cost("Hardware", "2026-01"),
          cost("Hardware", "2026-13"),
          { kind: "forecast", member: "Hardware" },
          cost("Mainframe", "2026-01"),
          cost("Hardware", "2026-01", { version: "v9" }),
          cost("Hardware", "2026-02"),
        ]),
      ).toEqual([
        { value: "350.00" },
        {
          error: {
            code: "VALUE",
            message:
              '"2026-13" is not a period: type a month such as 2026-03, a quarter such as 2026-Q1, a year such as 2026 or a fiscal year such as FY2026',
          },
        },
        {
          error: {
            code: "VALUE",
            message:
              'a query must be an object whose "kind" is one of cost, allocated, driver, rate, lines, members, model',
          },
        },
        na('unknown member "Mainframe" in model "Hand-built" version "v1"'),
        na('unknown version "v9" of model "Hand-built"'),
        { value: "0.05" },
      ]);
    });

    test("more than 5,000 queries in one request is refused with the reason (400)", async () => {
      const queries = Array.from({ length: MAX_QUERIES_PER_REQUEST + 1 }, () => cost("Hardware", "2026-01"));
      const refused = await post({ model: "Hand-built", version: "v1", queries });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("validation");
      expect(JSON.stringify(refused.body.error.details)).toContain("queries");
    });

    test("never shows another tenant's model, by name or by id", async () => {
      const stranger = await server().tokenFor("Strangers", "viewer");
      for (const model of [
        "Hand-built",
        (await server().call("GET", "/api/v1/models", { token: viewerToken })).body.models[0].id,
      ]) {
        const response = await post(
          { model, version: "v1", queries: [cost("Hardware", "2026")] },
          { token: stranger },
        );
        expect(response.body.results).toEqual([na(`unknown model "${model}"`)]);
      }
    });
  });

  describe("caching", () => {
    const request = { model: "Hand-built", version: "v1", queries: [cost("Hardware", "2026")] };

    test("an answer from published versions has an ETag, may be kept for good, and revalidates with 304", async () => {
      const first = await post(request);
      expect(first.body).toEqual({ results: values("350.05"), immutable: true });
      const etag = first.headers.get("etag") as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
      const again: TestResponse = await post(request, { headers: { "if-none-match": etag } });
      expect(again.status).toBe(304);
      expect(again.text).toBe("");
      const other = await post(
        { ...request, queries: [cost("Hardware", "2026-01")] },
        { headers: { "if-none-match": etag } },
      );
      expect(other.status).toBe(200);
    });

    test("an answer about a draft or the latest version is not cached", async () => {
      for (const version of ["v2", "latest"]) {
        const response = await post({ ...request, version });
        expect(response.body).toEqual({ results: values("350.05"), immutable: false });
        expect(response.headers.get("etag")).toBeNull();
        expect(response.headers.get("cache-control")).toBe("private, no-store");
      }
    });
  });

  describe("a draft", () => {
    test("is allocated on demand from its current data, after every change", async () => {
      const queries = [allocated("Storage", "Sales", "2026-01"), cost("Storage", "2026-01")];
      expect(await ask(queries, "v2")).toEqual(values("75.00", "300.00"));
      const editor = await server().tokenFor("Analysts", "editor");
      const added = await server().call("POST", `/api/v1/versions/${draftId}/cost-lines`, {
        token: editor,
        body: {
          costLines: [
            { pool: "Hardware", tower: "Storage", period: "2026-01", scenario: "Actual", amount: "40.00" },
          ],
        },
      });
      expect(added.status).toBe(200);
      expect(await ask(queries, "v2")).toEqual(values("85.00", "340.00"));
      expect(await ask(queries, "v1")).toEqual(values("75.00", "300.00"));
    });

    test("that cannot be allocated answers allocations with the reason; pool costs still answer", async () => {
      const rules = handBuiltDocument().rules.filter((rule) => rule.source !== "Hardware");
      const replaced = await server().call("PUT", `/api/v1/versions/${draftId}/rules`, {
        token: adminToken,
        body: { rules },
      });
      expect(replaced.status).toBe(200);
      const reason =
        'draft version "v2" cannot be allocated yet: pool "Hardware" has cost to pass on but no pool-to-tower rule ' +
        "(in Actual 2026-01, Actual 2026-02)";
      expect(
        await ask(
          [allocated("Storage", "Sales", "2026-01"), cost("Hardware", "2026-01"), cost("Storage", "2026-01")],
          "v2",
        ),
      ).toEqual([na(reason), { value: "390.00" }, na(reason)]);
    });
  });
});
