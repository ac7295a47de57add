import type { ModelVersionDocument } from "../../src/contract/model";
import { buildDemoModel } from "../../src/server/demo";
import { type TestResponse, type TestServer, describeEachDatabase, useTestServer } from "../support/server";
import { handBuiltDocument } from "./publish.fixture";
import { restore } from "./tenant-fixture";

/** Checks by SQL alone that every allocation of a version adds up exactly; returns each mismatch found. */
async function conservationMismatches(server: TestServer, versionId: string): Promise<unknown[]> {
  // Cost lines with finer decimals than cents (cloud bills) enter the allocation rounded, so a month
  // adds up to ROUND(its total, 2).
  const linesVersus = (dimension: string) =>
    server.db.query(
      `SELECT l.scenario, l.period, l.total::text AS lines, coalesce(m.total, 0)::text AS ${dimension}
         FROM (SELECT scenario, period, sum(amount) AS total FROM cost_lines WHERE version_id = $1 GROUP BY 1, 2) l
         LEFT JOIN (SELECT scenario, period, sum(amount) AS total FROM member_costs
                     WHERE version_id = $1 AND dimension = $2 GROUP BY 1, 2) m
           ON m.scenario = l.scenario AND m.period = l.period
        WHERE round(l.total, 2) <> coalesce(m.total, 0)`,
      [versionId, dimension],
    );
  const tracesVersusCosts = await server.db.query(
    `SELECT coalesce(a.dimension, m.dimension) AS dimension, coalesce(a.member, m.member) AS member,
            coalesce(a.period, m.period) AS period, a.total::text AS allocated, m.amount::text AS cost
       FROM (SELECT dimension, member, scenario, period, sum(amount) AS total FROM allocation_results
              WHERE version_id = $1 GROUP BY 1, 2, 3, 4) a
       FULL JOIN (SELECT * FROM member_costs WHERE version_id = $1 AND dimension IN ('pool', 'tower', 'service')) m
         ON m.dimension = a.dimension AND m.member = a.member AND m.scenario = a.scenario AND m.period = a.period
      WHERE coalesce(a.total, 0) <> coalesce(m.amount, 0)`,
    [versionId],
  );
  return [
    ...(await linesVersus("consumer")).rows,
    ...(await linesVersus("pool")).rows,
    ...tracesVersusCosts.rows,
  ];
}

describeEachDatabase("publishing a version", (kind) => {
  const server = useTestServer(kind);
  let adminToken: string;
  let userId: string;
  let versionId: string;

  const publish = (
    id: string,
    token = adminToken,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> => server().call("POST", `/api/v1/versions/${id}/publish`, { token, headers });

  async function rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (await server().db.query<T>(sql, params)).rows;
  }

  /** "dimension member period" -> amount. */
  async function memberCosts(id: string): Promise<Record<string, string>> {
    const found = await rows<{ dimension: string; member: string; period: string; amount: string }>(
      "SELECT dimension, member, period, amount::text AS amount FROM member_costs WHERE version_id = $1 AND scenario = 'Actual'",
      [id],
    );
    return Object.fromEntries(found.map((r) => [`${r.dimension} ${r.member} ${r.period}`, r.amount]));
  }

  async function allocations(
    dimension: string,
    member: string,
    period: string,
  ): Promise<Record<string, string>> {
    const found = await rows<{ consumer: string; amount: string }>(
      `SELECT consumer, amount::text AS amount FROM allocation_results
        WHERE version_id = $1 AND dimension = $2 AND member = $3 AND period = $4 AND scenario = 'Actual'`,
      [versionId, dimension, member, period],
    );
    return Object.fromEntries(found.map((r) => [r.consumer, r.amount]));
  }

  beforeAll(async () => {
    const admin = await server().identity("Publishers", "admin");
    adminToken = admin.token;
    userId = admin.userId;
    versionId = (await restore(server(), adminToken, handBuiltDocument())).version.id;
  });

  test("only an admin publishes, and only the revision that was read (If-Match)", async () => {
    const editor = await server().tokenFor("Publishers", "editor");
    expect((await publish(versionId, editor)).status).toBe(403);
    const stale = await publish(versionId, adminToken, { "if-match": `"${versionId}.0"` });
    expect(stale.status).toBe(412);
    const [version] = await rows<{ status: string }>("SELECT status FROM versions WHERE id = $1", [
      versionId,
    ]);
    expect(version.status).toBe("draft");
  });

  test("allocates every stage to the cent, as worked out by hand", async () => {
    const published = await publish(versionId, adminToken, { "if-match": `"${versionId}.1"` });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      versionId,
      label: "v1",
      status: "published",
      months: 2,
      revision: 2,
    });
    expect(published.headers.get("etag")).toBe(`"${versionId}.2"`);

    const costs = await memberCosts(versionId);
    const january = (dimension: string, member: string): string => costs[`${dimension} ${member} 2026-01`];
    const february = (dimension: string, member: string): string => costs[`${dimension} ${member} 2026-02`];
    // Pools and accounts: their cost lines.
    expect(["Internal Labor", "Contractors", "Hardware"].map((p) => january("pool", p))).toEqual([
      "430.00",
      "120.00",
      "350.00",
    ]);
    expect([january("account", "Salaries"), january("account", "Equipment")]).toEqual(["400.00", "350.00"]);
    // Towers: FTE 2:1:1, 50/50, even, plus 50.00 booked straight to Storage and 30.00 to End User.
    expect(["Compute", "Storage", "End User"].map((t) => january("tower", t))).toEqual([
      "400.00",
      "300.00",
      "180.00",
    ]);
    // Services: 80/20 and 3:1 seats, plus 20.00 booked to Service Desk and 30.00 to Workplace.
    expect(
      ["Hosting", "Workplace", "Service Desk", "IT Management"].map((s) => january("service", s)),
    ).toEqual(["620.00", "142.50", "57.50", "80.00"]);
    // The support services share 57.50 and 80.00 reciprocally: R_SD = 82.666..., R_IT = 100.666...; Hosting
    // gets 41.33 + 50.33 = 91.66, Workplace 20.67 + 25.17 = 45.84. Hosting's 711.66 goes 1:3:0 by servers
    // (177.915 and 533.745: the tied half cent to the earlier), Workplace's 158.34 10:5:5 by headcount.
    expect(["Sales", "Operations", "Research"].map((c) => january("consumer", c))).toEqual([
      "287.09",
      "573.33",
      "39.58",
    ]);
    // February: 100.01 split 2:1:1 gives Compute the leftover cent; 0.05 split evenly gives it the third.
    expect(["Compute", "Storage", "End User"].map((t) => february("tower", t))).toEqual([
      "50.04",
      "25.02",
      "25.00",
    ]);
    // A consumer's cost is its exact share of the month's 100.06 rounded once: 37.3818, 31.3391, 31.3391.
    expect(["Sales", "Operations", "Research"].map((c) => february("consumer", c))).toEqual([
      "37.38",
      "31.34",
      "31.34",
    ]);
  });

  test("traces each pool, tower and service to the consumers it reaches, adding up to its cost", async () => {
    expect(await allocations("tower", "Storage", "2026-01")).toEqual({
      Sales: "75.00",
      Operations: "225.00",
    });
    expect(await allocations("service", "Hosting", "2026-01")).toEqual({
      Sales: "155.00",
      Operations: "465.00",
    });
    // 112.50 by headcount 10:5:5 plus 30.00 booked to Sales; the tied half cents go to the earlier consumer.
    expect(await allocations("service", "Workplace", "2026-01")).toEqual({
      Sales: "86.25",
      Operations: "28.13",
      Research: "28.12",
    });
    // A unit of IT Management's own cost ends 2/3 in Hosting and 1/3 in Workplace: 1/3, 7/12, 1/12 per
    // consumer, 26.666..., 46.666..., 6.666...: each within a cent, the cents placed so that every
    // consumer's services add up to its cost.
    expect(await allocations("service", "IT Management", "2026-01")).toEqual({
      Sales: "26.67",
      Operations: "46.66",
      Research: "6.67",
    });
    expect(await allocations("service", "Service Desk", "2026-01")).toEqual({
      Sales: "19.17",
      Operations: "33.54",
      Research: "4.79",
    });
    // Hardware: 150 to Compute (4/15, 43/60, 1/60 per consumer) and 150 + 50 to Storage (1/4, 3/4, 0).
    expect(await allocations("pool", "Hardware", "2026-01")).toEqual({
      Sales: "90.00",
      Operations: "257.50",
      Research: "2.50",
    });
    // Compute's 400.00 is 106.666..., 286.666..., 6.666...: the cents go where the consumers' columns need them.
    expect(await allocations("tower", "Compute", "2026-01")).toEqual({
      Sales: "106.67",
      Operations: "286.66",
      Research: "6.67",
    });
    expect(await conservationMismatches(server(), versionId)).toEqual([]);
  });

  test("stores each rated service's charged-out cost and its rate driver's volume", async () => {
    const rates = await rows<{ service: string; period: string; cost: string; quantity: string }>(
      "SELECT service, period, cost::text AS cost, quantity::text AS quantity FROM unit_rates WHERE version_id = $1",
      [versionId],
    );
    const byKey = Object.fromEntries(
      rates.map((r) => [`${r.service} ${r.period}`, `${r.cost} / ${Number(r.quantity)}`]),
    );
    expect(byKey).toEqual({
      "Hosting 2026-01": "711.66 / 4",
      "Workplace 2026-01": "188.34 / 20",
      // A support service's full reciprocal cost: its own 57.50 and a quarter of IT Management's 100.67.
      "Service Desk 2026-01": "82.67 / 4",
      "Hosting 2026-02": "75.89 / 3",
      "Workplace 2026-02": "24.17 / 20",
      "Service Desk 2026-02": "9.34 / 4",
    });
  });

  test("records who published in the version and the audit log; publishing again is refused (409)", async () => {
    const [version] = await rows<{ status: string; published_by: string }>(
      "SELECT status, published_by FROM versions WHERE id = $1",
      [versionId],
    );
    expect(version).toEqual({ status: "published", published_by: userId });
    const audit = await rows<{ action: string; user_id: string }>(
      "SELECT action, user_id FROM audit_log WHERE target_id = $1 AND action = 'version.publish'",
      [versionId],
    );
    expect(audit).toEqual([{ action: "version.publish", user_id: userId }]);
    const again = await publish(versionId);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("version_published");
  });

  test("a version that cannot be allocated is refused with every problem listed, and nothing is written", async () => {
    const doc = handBuiltDocument();
    doc.version.label = "broken";
    doc.members.push({ dimension: "consumer", name: "Closed Unit", parent: null, attributes: {} });
    // A line booked to the parent pool Staffing, which has no rule of its own.
    doc.costLines.push({ pool: "Staffing", period: "2026-01", scenario: "Actual", amount: "10.00" });
    doc.rules = doc.rules.flatMap((rule) => {
      if (rule.source === "Hardware") return [];
      if (rule.source === "Contractors") {
        return [
          {
            ...rule,
            targets: [
              { member: "Compute", percent: "50" },
              { member: "End User", percent: "40" },
            ],
          },
        ];
      }
      if (rule.source === "Hosting")
        return [{ ...rule, targets: [...rule.targets, { member: "Closed Unit" }] }];
      return [rule];
    });
    doc.driverQuantities = doc.driverQuantities.map((q) =>
      q.driver === "Headcount" && q.period === "2026-02" ? { ...q, quantity: "0" } : q,
    );
    const broken = (await restore(server(), adminToken, doc)).version.id;
    // A member removed behind the rules' back, as an older database might hold.
    await server().db.query("DELETE FROM members WHERE version_id = $1 AND name = 'Closed Unit'", [broken]);

    const refused = await publish(broken);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: "allocation_failed",
      message: "the version cannot be allocated: 5 problems; nothing was changed",
    });
    const messages = (refused.body.error.details as { code: string; message: string }[]).map(
      (p) => `${p.code}: ${p.message}`,
    );
    expect(messages.sort()).toEqual([
      'invalid_rule: the pool-to-tower rule for "Contractors" has percentages that add up to 90, not 100',
      'invalid_rule: the service-to-consumer rule for "Hosting" names an unknown consumer "Closed Unit" as a target',
      'no_rule: pool "Hardware" has cost to pass on but no pool-to-tower rule (in Actual 2026-01, Actual 2026-02)',
      'parent_lines: pool "Staffing" is a parent of other pools and has cost lines of its own, which no rule ' +
        'passes on: book them to one of its sub-pools ("Internal Labor" or "Contractors"), or give "Staffing" ' +
        "a pool-to-tower rule (in Actual 2026-01)",
      'zero_driver: the driver "Headcount" is zero on every target of the service-to-consumer rule for "Workplace", ' +
        "so its cost cannot be allocated (in Actual 2026-02)",
    ]);
    const [written] = await rows<{ n: string }>(
      `SELECT (SELECT count(*) FROM member_costs WHERE version_id = $1)
            + (SELECT count(*) FROM allocation_results WHERE version_id = $1)
            + (SELECT count(*) FROM unit_rates WHERE version_id = $1) AS n`,
      [broken],
    );
    expect(Number(written.n)).toBe(0);
    const [version] = await rows<{ status: string; revision: number }>(
      "SELECT status, revision FROM versions WHERE id = $1",
      [broken],
    );
    expect(version).toEqual({ status: "draft", revision: 1 });
  });

  test("the demo model publishes, and its allocations add up exactly", async () => {
    const draft = (await buildDemoModel()).find(
      (doc) => doc.version.status === "draft",
    ) as ModelVersionDocument;
    const demo = (await restore(server(), adminToken, draft)).version.id;
    const published = await publish(demo);
    expect(published.status).toBe(200);
    expect(published.body.allocationResults).toBeGreaterThan(10_000);
    expect(await conservationMismatches(server(), demo)).toEqual([]);
  });
});
