import { LINE_TABLE_COLUMNS, MAX_LINES_IN_A_CELL, type LinesPage } from "../../src/contract/lines";
import { describeEachDatabase, useTestServer } from "../support/server";
import { handBuiltDocument } from "./publish.fixture";
import { restore } from "./tenant-fixture";

/** Drill-through: the cost lines under a member, a page at a time, on the hand-built model. */
describeEachDatabase("the lines under a member", (kind) => {
  const server = useTestServer(kind);
  let viewerToken: string;
  let versionId: string;

  const lines = async (query: string, token = viewerToken) =>
    server().call("GET", `/api/v1/versions/${versionId}/lines?${query}`, { token });
  const amounts = (page: LinesPage) => page.lines.map((line) => `${line.pool} ${line.period} ${line.amount}`);

  beforeAll(async () => {
    const adminToken = await server().tokenFor("Drill", "admin");
    viewerToken = await server().tokenFor("Drill", "viewer");
    versionId = (await restore(server(), adminToken, handBuiltDocument())).version.id;
  });

  test("a parent pool's lines are its children's, for every month of a quarter, with their count and sum", async () => {
    const answer = await lines("member=Staffing&period=2026-Q1");
    expect(answer.status).toBe(200);
    const page = answer.body as LinesPage;
    expect(page).toMatchObject({
      member: { dimension: "pool", name: "Staffing" },
      scenario: "Actual",
      months: ["2026-01", "2026-02", "2026-03"],
      total: { lines: 5, amount: "650.01" },
      next: null,
    });
    expect(amounts(page)).toEqual([
      "Internal Labor 2026-01 400.00",
      "Contractors 2026-01 100.00",
      "Internal Labor 2026-01 30.00",
      "Contractors 2026-01 20.00",
      "Internal Labor 2026-02 100.01",
    ]);
    expect(page.lines[0]).toMatchObject({ account: "Salaries", scenario: "Actual", importId: null });
    expect(page.lines[2]).toMatchObject({ tower: "End User", service: "Workplace", consumer: "Sales" });
  });

  test("pages through the lines in the order they were added, each page continuing after the last", async () => {
    const seen: string[] = [];
    let after = "";
    for (let pages = 1; ; pages++) {
      const page = (await lines(`member=Staffing&period=2026-Q1&limit=2${after}`)).body as LinesPage;
      expect(page.total.lines).toBe(5);
      seen.push(...amounts(page));
      if (page.next === null) {
        expect(pages).toBe(3);
        break;
      }
      after = `&after=${page.next}`;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  test("towers, accounts and consumers: the lines booked to them, roll-ups and fiscal years included", async () => {
    const storage = (await lines("member=Storage&period=2026-01")).body as LinesPage;
    expect([storage.member, storage.total]).toEqual([
      { dimension: "tower", name: "Storage" },
      { lines: 1, amount: "50.00" },
    ]);
    // The model's fiscal year starts in July: FY2026 is July 2025 to June 2026.
    const salaries = (await lines("member=Salaries&period=FY2026")).body as LinesPage;
    expect([salaries.member.dimension, salaries.total, salaries.months.length]).toEqual([
      "account",
      { lines: 2, amount: "500.01" },
      12,
    ]);
    const units = (await lines("member=All%20Units&period=2026")).body as LinesPage;
    expect([units.member.dimension, amounts(units)]).toEqual(["consumer", ["Internal Labor 2026-01 30.00"]]);
    const budget = (await lines("member=Hardware&period=2026-01&scenario=Budget")).body as LinesPage;
    expect([budget.total, budget.lines]).toEqual([{ lines: 0, amount: "0.00" }, []]);
  });

  test("a direct member's lines are those that take its way: below a pool without a tower", async () => {
    const direct = (await lines("member=Direct%20from%20Contractors&period=2026-01")).body as LinesPage;
    expect([direct.member, direct.total, direct.lines[0].service]).toEqual([
      { dimension: "tower", name: "Direct from Contractors" },
      { lines: 1, amount: "20.00" },
      "Service Desk",
    ]);
  });

  test("ITFM.LINES asks the batch query: a header row, at most 10,000 lines, and a last row for the rest", async () => {
    const editorToken = await server().tokenFor("Drill", "editor");
    const many = Array.from({ length: MAX_LINES_IN_A_CELL + 5 }, (_, i) => ({
      pool: "Hardware",
      period: "2026-05",
      scenario: "Actual",
      amount: "1.01",
      description: `Line ${i + 1}`,
    }));
    const added = await server().call("POST", `/api/v1/versions/${versionId}/cost-lines`, {
      token: editorToken,
      body: { costLines: many },
    });
    expect(added.status).toBe(200);
    const answer = await server().call("POST", "/api/v1/query", {
      token: viewerToken,
      body: {
        model: "Hand-built",
        version: "v1",
        queries: [
          { kind: "lines", member: "Hardware", period: "2026-05" },
          { kind: "lines", member: "Storage", period: "2026-01" },
          { kind: "lines", member: "Hardware", period: "2026-05", scenario: "Plan" },
        ],
      },
    });
    expect(answer.status).toBe(200);
    const [big, storage, plan] = answer.body.results as { value?: string[][]; error?: { message: string } }[];
    const table = big.value as string[][];
    expect(table).toHaveLength(1 + MAX_LINES_IN_A_CELL + 1);
    expect(table[0]).toEqual([...LINE_TABLE_COLUMNS]);
    expect(table[1]).toEqual(["", "Hardware", "", "", "", "2026-05", "1.01", "Line 1"]);
    expect(table[table.length - 1][0]).toBe(
      "5 more lines are not shown (10,005 in all, 10105.05): ask for a shorter period or a member lower in its hierarchy",
    );
    expect(storage.value).toEqual([
      [...LINE_TABLE_COLUMNS],
      ["Equipment", "Hardware", "Storage", "", "", "2026-01", "50.00", ""],
    ]);
    expect(plan.error?.message).toBe('unknown scenario "Plan" in model "Hand-built" version "v1"');
  });

  test("an unknown member, a bad period and another tenant's version are refused, naming the problem", async () => {
    const unknown = await lines("member=Hardwre&period=2026-01");
    expect([unknown.status, unknown.body.error.message]).toEqual([
      404,
      'No pool, tower, service, account or consumer is named "Hardwre" in version "v1" — did you mean "Hardware"?',
    ]);
    const period = await lines("member=Hardware&period=March%202026");
    expect(period.status).toBe(400);
    expect(period.body.error.message).toContain("March 2026");
    const outsider = await server().tokenFor("Elsewhere", "admin");
    expect((await lines("member=Hardware&period=2026-01", outsider)).status).toBe(404);
  });
});
