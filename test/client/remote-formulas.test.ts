import { createCostModelClient, type CostModelClient } from "../../src/client";
import { LINE_TABLE_COLUMNS } from "../../src/contract/lines";
import { MAX_QUERIES_PER_REQUEST, type QueryResult } from "../../src/contract/query";
import { Decimal } from "../../src/engine/decimal";
import {
  allocatedFormula,
  costFormula,
  driverFormula,
  linesFormula,
  membersFormula,
  modelFormula,
  rateFormula,
  replaceSharedCostModelClient,
} from "../../src/functions/remote";
import { cellErrors, cellKey } from "../../src/functions/cell-errors";
import { CustomFunctionsError } from "../support/custom-functions-runtime";
import { startFaultProxy } from "./support/fault-proxy";
import { waveCells, type WaveCell } from "./support/wave";
import { SeedFigures } from "./support/seed-figures";
import {
  DEMO_MODEL,
  DRAFT_VERSION,
  PUBLISHED_VERSION,
  startDemoService,
  type DemoService,
} from "./support/service";

let service: DemoService;
let published: SeedFigures;
let draft: SeedFigures;
let cells: WaveCell[];
const clients: CostModelClient[] = [];

async function useClient(binding?: { version?: string; scenario?: string }): Promise<CostModelClient> {
  const client = createCostModelClient({
    binding: binding === undefined ? undefined : { serviceUrl: service.url, model: DEMO_MODEL, ...binding },
    defaultServiceUrl: service.url,
  });
  clients.push(client);
  await client.setToken(service.token);
  replaceSharedCostModelClient(client);
  return client;
}

/** What the cell shows: the value, or the error Excel displays. */
async function cell(formula: Promise<unknown>): Promise<unknown> {
  try {
    return await formula;
  } catch (error) {
    if (error instanceof CustomFunctionsError) return { code: error.code, message: error.message };
    throw error;
  }
}

const number = (expected: Decimal) => expected.toNumber();

/** Excel's serial number of a date (1900 date system). */
const excelDate = (year: number, month: number, day: number) =>
  (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;

async function signedInClient(serviceUrl: string, version?: string): Promise<CostModelClient> {
  const client = createCostModelClient({ binding: { serviceUrl, model: DEMO_MODEL, version } });
  clients.push(client);
  await client.setToken(service.token);
  return client;
}

function wrongValues(results: QueryResult[], wave: WaveCell[]): string[] {
  return results.flatMap((result, i) => {
    const right =
      "value" in result && typeof result.value === "string" && new Decimal(result.value).eq(wave[i].expected);
    return right
      ? []
      : [`${JSON.stringify(wave[i].query)}: got ${JSON.stringify(result)}, expected ${wave[i].expected}`];
  });
}

beforeAll(async () => {
  service = await startDemoService();
  published = await SeedFigures.load(service.db, PUBLISHED_VERSION);
  draft = await SeedFigures.load(service.db, DRAFT_VERSION);
  cells = waveCells(published, 10_000);
});

beforeEach(async () => {
  await useClient({ version: PUBLISHED_VERSION });
});

afterAll(async () => {
  for (const client of clients) await client.close();
  await service.close();
});

describe("ITFM.COST", () => {
  it.each([
    ["Internal Labor", "2026-03", "Actual"],
    ["Staffing", "2026-Q2", "Actual"],
    ["Cloud Services", "2026-09", "Actual"],
    ["Compute", "2026", "Actual"],
    ["Infrastructure Domain", "FY2026", "Actual"],
    ["Virtual Servers", "2026-05", "Actual"],
    ["6100 Salaries & Wages", "2026-Q1", "Actual"],
    ["Sales", "2026-07", "Actual"],
    ["Compute", "2027-03", "Budget"],
    ["Staffing", "FY2027", "Forecast"],
  ])("%s in %s (%s) equals the seed data", async (member, period, scenario) => {
    const shown = await cell(costFormula(member, period, scenario === "Actual" ? null : scenario));
    expect(shown).toBe(number(published.cost(member, period, scenario)));
  });

  it("reads a date cell as its month and a year number as the year", async () => {
    expect(await cell(costFormula("Compute", excelDate(2026, 3, 15)))).toBe(
      number(published.cost("Compute", "2026-03", "Actual")),
    );
    expect(await cell(costFormula("Compute", 2026))).toBe(
      number(published.cost("Compute", "2026", "Actual")),
    );
  });

  it("takes another version from its last argument", async () => {
    const shown = await cell(costFormula("Staffing", "2027-03", "Forecast", DRAFT_VERSION));
    expect(shown).toBe(number(draft.cost("Staffing", "2027-03", "Forecast")));
    expect(
      draft.cost("Staffing", "2027-03", "Forecast").eq(published.cost("Staffing", "2027-03", "Forecast")),
    ).toBe(false);
  });

  it("names an unknown member in #N/A", async () => {
    expect(await cell(costFormula("Quantum Computing", "2026-03"))).toEqual({
      code: "#N/A",
      message: expect.stringContaining('"Quantum Computing"'),
    });
  });

  it("names the argument of bad input in #VALUE!", async () => {
    expect(await cell(costFormula("Compute", ""))).toEqual({
      code: "#VALUE!",
      message: "period: required, e.g. 2027-03",
    });
    expect(await cell(costFormula("Compute", null))).toEqual({
      code: "#VALUE!",
      message: "period: required, e.g. 2027-03",
    });
    expect(await cell(costFormula("Compute", "March"))).toEqual({
      code: "#VALUE!",
      message: expect.stringMatching(/^"March" is not a period: type a month such as \d{4}-03, /),
    });
    expect(await cell(costFormula(null, "2026-03"))).toEqual({
      code: "#VALUE!",
      message: expect.stringMatching(/^member: required/),
    });
    expect(await cell(costFormula(true, "2026-03"))).toEqual({
      code: "#VALUE!",
      message: expect.stringMatching(/^member: /),
    });
  });

  it("records why a cell failed for the task pane, and forgets it once the cell has a value", async () => {
    const invocation = { address: "Budget!$B$4" } as CustomFunctions.Invocation;
    await cell(costFormula("Comptue", "2026-03", null, null, invocation));
    expect(cellErrors().get(cellKey("Budget!B4"))).toMatchObject({
      code: "#N/A",
      message: expect.stringContaining('"Comptue"'),
    });
    await cell(costFormula("Compute", "2026-03", null, null, invocation));
    expect(cellErrors().has(cellKey("Budget!B4"))).toBe(false);
  });

  it("names an unknown version in #N/A", async () => {
    expect(await cell(costFormula("Compute", "2026-03", null, "FY1999 v9"))).toEqual({
      code: "#N/A",
      message: expect.stringContaining('"FY1999 v9"'),
    });
  });
});

describe("ITFM.ALLOCATED", () => {
  it.each([
    ["Internal Labor", "Sales", "2026-03"],
    ["Staffing", "Customer-Facing Units", "2026-Q3"],
    ["Compute", "Finance", "2026"],
    ["Infrastructure Domain", "Operations Units", "FY2026"],
    ["Service Desk", "Human Resources", "2026-10"],
  ])("%s to %s in %s equals the seed data", async (member, consumer, period) => {
    expect(await cell(allocatedFormula(member, consumer, period))).toBe(
      number(published.allocated(member, consumer, period, "Actual")),
    );
  });

  it("names an unknown consumer in #N/A", async () => {
    expect(await cell(allocatedFormula("Compute", "Atlantis", "2026-03"))).toEqual({
      code: "#N/A",
      message: expect.stringContaining('"Atlantis"'),
    });
  });
});

describe("ITFM.DRIVER", () => {
  it.each([
    ["Headcount", "Sales", "2026-03"],
    ["Users", "Customer-Facing Units", "2026-Q2"],
    ["Tickets", "Finance", "2026"],
    ["Storage TB", "Corporate Functions", "2026-08"],
  ])("%s of %s in %s equals the seed data", async (driver, consumer, period) => {
    expect(await cell(driverFormula(driver, consumer, period))).toBe(
      number(published.driver(driver, consumer, period, "Actual")),
    );
  });

  it("names an unknown driver in #N/A", async () => {
    expect(await cell(driverFormula("Printers", "Sales", "2026-03"))).toEqual({
      code: "#N/A",
      message: expect.stringContaining('"Printers"'),
    });
  });
});

describe("ITFM.RATE", () => {
  it.each([
    ["Virtual Servers", "2026-03"],
    ["Service Desk", "2026-Q2"],
    ["Block Storage", "2026"],
    ["Collaboration", "FY2026"],
  ])("%s in %s equals cost over driver volume of the seed data", async (service, period) => {
    const expected = published.rate(service, period, "Actual");
    expect(expected).not.toBeNull();
    expect(await cell(rateFormula(service, period))).toBe(number(expected as Decimal));
  });

  it("explains a service without a rate driver in #N/A", async () => {
    expect(published.attribute("service", "Enterprise Architecture", "driver")).toBeUndefined();
    expect(await cell(rateFormula("Enterprise Architecture", "2026-03"))).toEqual({
      code: "#N/A",
      message: expect.stringContaining("has no unit rate"),
    });
  });
});

describe("ITFM.MEMBERS", () => {
  it.each(["pool", "tower", "service", "consumer", "driver", "account"])(
    "lists the %s members in the model's order",
    async (dimension) => {
      const names = published.names(dimension);
      expect(names.length).toBeGreaterThan(0);
      // After the model's services, the one the allocation adds: the cloud cost Compute passes straight to business units.
      const direct = dimension === "service" ? ["Direct from Compute"] : [];
      expect(await cell(membersFormula(dimension))).toEqual([...names, ...direct].map((name) => [name]));
    },
  );

  it("lists the children of a parent, the months and the scenarios", async () => {
    expect(await cell(membersFormula("pool", "Staffing"))).toEqual([
      ["Internal Labor"],
      ["Staff Augmentation"],
    ]);
    expect(await cell(membersFormula("Tower", "Infrastructure Domain"))).toEqual(
      published.names("tower", "Infrastructure Domain").map((name) => [name]),
    );
    expect(await cell(membersFormula("period"))).toEqual(published.months.map((month) => [month]));
    expect(await cell(membersFormula("scenario"))).toEqual(published.scenarios.map((name) => [name]));
  });

  it("names a bad dimension in #VALUE! and an unknown parent in #N/A", async () => {
    expect(await cell(membersFormula("colour"))).toEqual({
      code: "#VALUE!",
      message: expect.stringMatching(/^dimension: must be one of pool, tower, service/),
    });
    expect(await cell(membersFormula("pool", "Nowhere"))).toEqual({
      code: "#N/A",
      message: expect.stringContaining('"Nowhere"'),
    });
  });
});

describe("ITFM.LINES", () => {
  const sumOf = (table: unknown[][]) =>
    table.slice(1).reduce((sum: Decimal, row) => sum.plus(String(row[6])), new Decimal(0));

  it.each([
    ["Staffing", "2026-Q1"],
    ["Hardware", "2026-03"],
    ["6100 Salaries & Wages", "2026"],
  ])(
    "spills the cost lines under %s in %s under a header row; their amounts add up to its COST",
    async (member, period) => {
      const table = (await cell(linesFormula(member, period))) as unknown[][];
      expect(table[0]).toEqual([...LINE_TABLE_COLUMNS]);
      expect(table.length).toBeGreaterThan(1);
      expect(table.slice(1).every((row) => row.length === 8 && typeof row[6] === "number")).toBe(true);
      expect(sumOf(table).toFixed(2)).toBe(published.cost(member, period, "Actual").toFixed(2));
    },
  );

  it("lists a tower's own lines and says so when there are none", async () => {
    const table = (await cell(linesFormula("Compute", "2026-09"))) as unknown[][];
    expect(table.slice(1).every((row) => row[2] === "Compute")).toBe(true);
    const none = (await cell(
      linesFormula("Hardware", "2030-03", "Budget", PUBLISHED_VERSION),
    )) as unknown[][];
    expect(none[1][0]).toMatch(/^No cost lines are booked under "Hardware" in Budget 2030-03/);
  });

  it("names an unknown member in #N/A, with the member it most likely means", async () => {
    expect(await cell(linesFormula("Hardwre", "2026-03"))).toEqual({
      code: "#N/A",
      message: expect.stringContaining('did you mean "Hardware"?'),
    });
  });
});

describe("ITFM.MODEL", () => {
  it("gives the facts of the bound model and version", async () => {
    expect(await cell(modelFormula("name"))).toBe(published.model.name);
    expect(await cell(modelFormula("version"))).toBe(PUBLISHED_VERSION);
    expect(await cell(modelFormula("status"))).toBe("published");
    expect(await cell(modelFormula("published"))).toBe(published.version.publishedAt);
    expect(await cell(modelFormula("currency"))).toBe(published.model.currency);
    expect(await cell(modelFormula("server"))).toBe(service.url);
    expect(await cell(modelFormula("status", DRAFT_VERSION))).toBe("draft");
  });

  it("follows the newest published version when the workbook is bound to latest", async () => {
    await useClient({});
    expect(await cell(modelFormula("version"))).toBe(PUBLISHED_VERSION);
    expect(await cell(costFormula("Compute", "2026-03"))).toBe(
      number(published.cost("Compute", "2026-03", "Actual")),
    );
  });

  it("uses the workbook's scenario when a formula names none", async () => {
    await useClient({ version: PUBLISHED_VERSION, scenario: "Budget" });
    expect(await cell(costFormula("Compute", "2027-03"))).toBe(
      number(published.cost("Compute", "2027-03", "Budget")),
    );
  });

  it("asks to bind the workbook when it is not bound", async () => {
    await useClient(undefined);
    expect(await cell(modelFormula("name"))).toEqual({
      code: "#N/A",
      message: expect.stringContaining("not bound"),
    });
  });
});

describe("a recalculation wave", () => {
  it("answers 10,000 distinct cells with at most 3 requests, every value right", async () => {
    expect(new Set(cells.map((c) => JSON.stringify(c.query))).size).toBe(10_000);
    expect(new Set(cells.map((c) => c.query.kind))).toEqual(new Set(["cost", "allocated", "driver", "rate"]));
    const client = await signedInClient(service.url);
    const before = service.requestsReceived();
    const results = await Promise.all(cells.map((cell) => client.query(cell.query)));
    expect(service.requestsReceived() - before).toBeLessThanOrEqual(3);
    expect(wrongValues(results, cells)).toEqual([]);
    expect(client.getDiagnostics()).toMatchObject({ cellsAnswered: 10_000, answeredWithError: 0 });
  });

  it("answers 10,000 cells that arrive over 300 ms with at most 3 requests", async () => {
    const client = await signedInClient(service.url);
    const before = service.requestsReceived();
    const chunks = Array.from({ length: 100 }, (_, i) => cells.slice(i * 100, (i + 1) * 100));
    const arriving = chunks.map(
      (chunk, i) =>
        new Promise<QueryResult[]>((resolve) =>
          setTimeout(() => resolve(Promise.all(chunk.map((cell) => client.query(cell.query)))), i * 3),
        ),
    );
    const results = (await Promise.all(arriving)).flat();
    expect(service.requestsReceived() - before).toBeLessThanOrEqual(3);
    expect(wrongValues(results, cells)).toEqual([]);
  });

  it("sends identical cells once and answers each of them", async () => {
    const proxy = await startFaultProxy(service.url);
    try {
      const client = await signedInClient(proxy.url, PUBLISHED_VERSION);
      const wave = cells.slice(0, 300);
      const asked = [...wave, ...wave, ...wave];
      const results = await Promise.all(asked.map((cell) => client.query(cell.query)));
      expect(wrongValues(results, asked)).toEqual([]);
      expect(proxy.requests).toBe(1);
      expect(proxy.queriesForwarded).toBe(300);
    } finally {
      await proxy.close();
    }
  });

  it("splits a wave above the request size limit into full requests", async () => {
    const proxy = await startFaultProxy(service.url);
    try {
      const client = await signedInClient(proxy.url, PUBLISHED_VERSION);
      const wave = cells.slice(0, MAX_QUERIES_PER_REQUEST + 1);
      const results = await Promise.all(wave.map((cell) => client.query(cell.query)));
      expect(wrongValues(results, wave)).toEqual([]);
      expect(proxy.querySizes.sort((a, b) => b - a)).toEqual([MAX_QUERIES_PER_REQUEST, 1]);
    } finally {
      await proxy.close();
    }
  });

  it("joins cells asked again while their request is under way instead of asking twice", async () => {
    const proxy = await startFaultProxy(service.url);
    proxy.fault = { kind: "slow", ms: 500 };
    try {
      const client = await signedInClient(proxy.url, PUBLISHED_VERSION);
      const wave = cells.slice(0, 50);
      const first = Promise.all(wave.map((cell) => client.query(cell.query)));
      while (proxy.requests === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const second = Promise.all(wave.map((cell) => client.query(cell.query)));
      expect(wrongValues(await second, wave)).toEqual([]);
      expect(wrongValues(await first, wave)).toEqual([]);
      expect(proxy.requests).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});
