import type { ExplainAnswer, ExplainLinesAnswer, ExplainNode } from "../../src/contract/explain";
import { Decimal } from "../../src/engine/decimal";
import { explainBreaks as breaks, leaves } from "../support/explain-tree";
import { useTestServer } from "../support/server";
import { handBuiltDocument } from "./publish.fixture";
import { restore } from "./tenant-fixture";

describe("explaining a cell", () => {
  const server = useTestServer("pglite");
  let token: string;
  const explain = (query: Record<string, unknown>, as = token) =>
    server().call("POST", "/api/v1/explain", {
      token: as,
      body: { model: "Hand-built", version: "v1", query },
    });

  beforeAll(async () => {
    const admin = await server().tokenFor("Explain", "admin");
    token = await server().tokenFor("Explain", "viewer");
    const id = (await restore(server(), admin, handBuiltDocument())).version.id;
    expect((await server().call("POST", `/api/v1/versions/${id}/publish`, { token: admin })).status).toBe(
      200,
    );
  });

  test("a consumer's COST: services, then towers, then pools, then cost lines, every part adding up", async () => {
    const answer = await explain({ kind: "cost", member: "Sales", period: "2026-01" });
    expect(answer.status).toBe(200);
    const { value, tree } = answer.body as ExplainAnswer;
    expect([value, tree.amount, tree.kind]).toEqual(["287.09", "287.09", "consumer"]);
    expect(breaks(tree)).toEqual([]);
    expect(tree.children.map((c) => c.kind)).toEqual(expect.arrayContaining(["service"]));
    const hosting = tree.children.find((c) => c.name === "Hosting") as ExplainNode;
    expect(hosting.rule?.text).toMatch(/^by Servers: Sales 1 of 4/);
    // Every branch ends in cost lines: a pool's own, or lines booked further down.
    expect(leaves(tree).filter((leaf) => leaf.kind !== "more" && (leaf.lines?.length ?? 0) === 0)).toEqual(
      [],
    );
  });

  test("ALLOCATED of a tower and of a pool, for a month and for a quarter", async () => {
    for (const query of [
      { kind: "allocated", member: "Compute", consumer: "Operations", period: "2026-01" },
      { kind: "allocated", member: "Staffing", consumer: "All Units", period: "2026-Q1" },
      { kind: "cost", member: "Workplace", period: "2026-Q1" },
      { kind: "cost", member: "All Units", period: "2026-Q1" },
    ]) {
      const answer = await explain(query);
      expect([query, answer.status]).toEqual([query, 200]);
      const { value, tree } = answer.body as ExplainAnswer;
      expect(tree.amount).toBe(value);
      expect(breaks(tree)).toEqual([]);
    }
  });

  test("a RATE is the cost charged out over the driver's volume, both explained; a DRIVER by its members", async () => {
    const rate = (await explain({ kind: "rate", service: "Hosting", period: "2026-01" }))
      .body as ExplainAnswer;
    expect(rate.value).toBe("177.915000");
    const [cost, volume] = rate.tree.children;
    expect([cost.amount, cost.children.map((c) => [c.kind, c.amount])]).toEqual([
      "711.66",
      [
        ["service", "620.00"],
        ["support", "91.66"],
      ],
    ]);
    expect([volume.name, volume.amount, volume.children.map((c) => `${c.name} ${c.amount}`)]).toEqual([
      "Servers",
      "4",
      ["Operations 3", "Sales 1"],
    ]);
    expect(breaks(rate.tree)).toEqual([]);
    const driver = (
      await explain({ kind: "driver", driver: "Headcount", consumer: "All Units", period: "2026-Q1" })
    ).body as ExplainAnswer;
    expect([driver.value, driver.tree.children.map((c) => `${c.name} ${c.amount}`)]).toEqual([
      "40",
      ["Sales 20", "Operations 10", "Research 10"],
    ]);
  });

  test("a draft explains as it stands; one that cannot be allocated says why", async () => {
    const admin = await server().tokenFor("Explain", "admin");
    const draft = {
      ...handBuiltDocument(),
      version: { label: "v2", status: "draft" as const, publishedAt: null },
    };
    await restore(server(), admin, draft);
    const broken = handBuiltDocument();
    broken.version.label = "broken";
    broken.rules = broken.rules.filter((rule) => rule.source !== "Hardware");
    await restore(server(), admin, broken);
    const ask = (version: string) =>
      server().call("POST", "/api/v1/explain", {
        token,
        body: { model: "Hand-built", version, query: { kind: "cost", member: "Sales", period: "2026-01" } },
      });
    const fine = await ask("v2");
    expect([fine.status, fine.body.tree.amount]).toEqual([200, "287.09"]);
    const refused = await ask("broken");
    expect([refused.status, refused.body.error.message]).toEqual([
      422,
      'Actual 2026-01 cannot be allocated: pool "Hardware" has cost to pass on but no pool-to-tower rule (in Actual 2026-01)',
    ]);
  });

  test("every cost line behind a cell, with parts that add up exactly to it; the cap counts the rest", async () => {
    const linesOf = (query: Record<string, unknown>, as = token) =>
      server().call("POST", "/api/v1/explain/lines", {
        token: as,
        body: { model: "Hand-built", version: "v1", query },
      });
    for (const query of [
      { kind: "cost", member: "Sales", period: "2026-01" },
      { kind: "cost", member: "All Units", period: "2026-Q1" },
      { kind: "allocated", member: "Compute", consumer: "Operations", period: "2026-01" },
      { kind: "allocated", member: "Staffing", consumer: "All Units", period: "2026-Q1" },
      { kind: "cost", member: "Workplace", period: "2026-Q1" },
    ]) {
      const answer = await linesOf(query);
      expect([query, answer.status, answer.body.error]).toEqual([query, 200, undefined]);
      const body = answer.body as ExplainLinesAnswer;
      const parts = body.lines.map((line) => new Decimal(line.part));
      const sum = parts.reduce((a, b) => a.plus(b), new Decimal(0));
      expect([query, sum.toFixed(2), body.total.part, body.more]).toEqual([
        query,
        body.value,
        body.value,
        null,
      ]);
      expect(body.total.lines).toBe(body.lines.length);
      expect(parts.every((p) => !p.isZero())).toBe(true);
      // The largest parts first, each line at most its own amount.
      const sizes = parts.map((p) => p.abs().toNumber());
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      for (const line of body.lines) {
        expect(new Decimal(line.part).abs().lte(new Decimal(line.amount).abs().plus("0.01"))).toBe(true);
        expect(body.months).toContain(line.period);
      }
    }
    // A pool's COST is its own lines, whole.
    const pool = (await linesOf({ kind: "cost", member: "Hardware", period: "2026-01" }))
      .body as ExplainLinesAnswer;
    expect(pool.lines.every((line) => line.part === line.amount && line.pool === "Hardware")).toBe(true);
    const rate = await linesOf({ kind: "rate", service: "Hosting", period: "2026-01" });
    expect([rate.status, rate.body.error.message]).toEqual([400, expect.stringContaining("not RATE")]);
    const outsider = await server().tokenFor("Elsewhere", "viewer");
    expect((await linesOf({ kind: "cost", member: "Sales", period: "2026-01" }, outsider)).status).toBe(404);
  });

  test("refuses what it cannot explain, naming it", async () => {
    const list = await explain({ kind: "members", dimension: "tower" });
    expect([list.status, list.body.error.message]).toEqual([400, expect.stringContaining("not MEMBERS")]);
    const unknown = await explain({ kind: "cost", member: "Hardwre", period: "2026-01" });
    expect([unknown.status, unknown.body.error.message]).toEqual([
      404,
      expect.stringContaining('did you mean "Hardware"'),
    ]);
    const outsider = await server().tokenFor("Elsewhere", "viewer");
    expect((await explain({ kind: "cost", member: "Sales", period: "2026-01" }, outsider)).status).toBe(404);
  });
});
