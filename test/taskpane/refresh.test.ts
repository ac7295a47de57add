import { errorReason } from "../../src/taskpane/excel/error-reasons";
import { refreshCells, type RefreshProgress } from "../../src/taskpane/excel/refresh";
import { scanItfmCells, type ItfmCell } from "../../src/taskpane/excel/scan";
import { installFakeHost, type FakeHost, type WorkbookSpec } from "./support/fake-host";

/** Straight-line depreciation of `cost` over 5 years, salvage 1000, year 1. */
const formula = (cost: number) => `=ITFM.DEPRECIATION(${cost}, 1000, 5, "sl", 1)`;
const sheetNames = ["Budget", "Run rate", "Cloud"];
const CELLS_PER_SHEET = 120;

let host: FakeHost;
/** The value each formula cell shows before the refresh: the saved (stale) one. */
const saved = new Map<string, unknown>();

function workbook(): WorkbookSpec {
  return {
    sheets: sheetNames.map((name, s) => {
      const cells: Record<string, unknown> = { A1: "Cost", B1: "Year 1" };
      for (let i = 0; i < CELLS_PER_SHEET; i++) {
        cells[`A${i + 2}`] = 10_000 + 1000 * i + s;
        cells[`B${i + 2}`] = formula(10_000 + 1000 * i + s);
      }
      // A declining balance over a life of 0 years cannot be computed: #NUM!
      cells.D2 = '=ITFM.DEPRECIATION(5000, 0, 0, "ddb", 1)';
      cells.E2 = "=SUM(B2:B5)";
      return { name, cells };
    }),
  };
}

function reasonOf(cell: ItfmCell): string {
  return errorReason(cell.sheet, cell.address, String(cell.value));
}

beforeAll(async () => {
  (globalThis as { self?: unknown }).self ??= globalThis;
  host = installFakeHost(workbook());
  // Calculate every cell once through the real functions, then keep those values as "saved" and
  // make every fifth cell stale, as if the workbook had been saved before the last change.
  await refreshCells(await scanItfmCells(), { reasonOf });
  const spec = workbook();
  spec.sheets.forEach((sheet) => {
    sheet.values = {};
    for (const address of Object.keys(sheet.cells ?? {})) {
      const current = host.cell(`'${sheet.name}'!${address}`).value;
      const row = Number(address.slice(1));
      const value = address.startsWith("B") && row % 5 === 0 ? 0 : current;
      sheet.values[address] = value;
      saved.set(`${sheet.name}!${address}`, value);
    }
  });
  host.loadWorkbook(spec);
});

describe("finding the ITFM cells of a workbook", () => {
  it("finds every ITFM formula on every sheet, in sheet and reading order, and nothing else", async () => {
    const cells = await scanItfmCells();
    expect(cells).toHaveLength(sheetNames.length * (CELLS_PER_SHEET + 1));
    expect(cells.map((c) => c.sheet)).toEqual(
      sheetNames.flatMap((name) => Array(CELLS_PER_SHEET + 1).fill(name) as string[]),
    );
    expect(cells.slice(0, 3).map((c) => c.address)).toEqual(["B2", "D2", "B3"]);
    expect(cells.every((c) => c.formula.startsWith("=ITFM."))).toBe(true);
    expect(cells.some((c) => c.formula.startsWith("=SUM"))).toBe(false);
  });

  it("reports the values the cells show, errors included", async () => {
    const cells = await scanItfmCells();
    const d2 = cells.find((c) => c.sheet === "Cloud" && c.address === "D2");
    expect(d2).toMatchObject({ value: "#NUM!", isError: true });
    const b5 = cells.find((c) => c.sheet === "Cloud" && c.address === "B5");
    expect(b5).toMatchObject({ value: saved.get("Cloud!B5"), isError: false });
  });
});

describe("refreshing", () => {
  it("recalculates every cell through the functions, in chunks, and sums up what changed", async () => {
    const cells = await scanItfmCells();
    const before = host.stats().evaluations;
    const progress: RefreshProgress[] = [];
    const summary = await refreshCells(cells, {
      chunkSize: 100,
      onProgress: (p) => progress.push(p),
      reasonOf,
    });

    expect(host.stats().evaluations - before).toBe(cells.length);
    expect(progress.map((p) => p.done)).toEqual([0, 100, 200, 300, 363]);
    expect(progress.every((p) => p.total === 363)).toBe(true);

    const stale = [...saved].filter(([key, value]) => key.includes("!B") && value === 0).length;
    expect(summary).toMatchObject({ total: 363, done: 363, stopped: false, updated: stale });
    expect(summary.unchanged).toBe(363 - stale - 3);
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatchObject({ code: "#NUM!", count: 3 });
    // After the refresh every stale cell shows its real value again.
    for (const name of sheetNames)
      expect(host.cell(`'${name}'!B5`).value).toBe((host.cell(`'${name}'!B6`).value as number) - 200);
  });

  it("stops between chunks when asked, and says how far it got", async () => {
    const cells = await scanItfmCells();
    const stop = new AbortController();
    const summary = await refreshCells(cells, {
      chunkSize: 50,
      signal: stop.signal,
      onProgress: (p) => p.done >= 100 && stop.abort(),
      reasonOf,
    });
    expect(summary).toMatchObject({ stopped: true, done: 100, total: 363 });
    expect(summary.cells).toHaveLength(100);
  });

  it("groups the cells in error by code and reason, the most frequent first", async () => {
    const errorCells = (await scanItfmCells()).filter((c) => c.isError);
    const summary = await refreshCells(errorCells, {
      reasonOf: (cell) => (cell.sheet === "Cloud" ? "life: must be at least 1 year" : "the life is zero"),
    });
    expect(summary.errors).toEqual([
      { code: "#NUM!", reason: "the life is zero", count: 2 },
      { code: "#NUM!", reason: "life: must be at least 1 year", count: 1 },
    ]);
    expect(summary).toMatchObject({ updated: 0, unchanged: 0, done: 3 });
  });
});

describe("a cell changed while the refresh runs", () => {
  it("keeps what the user typed, and counts the cell as skipped", async () => {
    const cells = await scanItfmCells();
    const typedValue = '=ITFM.DEPRECIATION(99000, 1000, 5, "sl", 1)';
    const before = host.stats().evaluations;
    const summary = await refreshCells(cells, {
      chunkSize: 50,
      // Between the first and the second batch the user types over two cells of later batches.
      onProgress: (p) => {
        if (p.done !== 50) return;
        host.type("Budget!B80", 12_345);
        host.type("'Run rate'!B10", typedValue);
      },
      reasonOf,
    });

    expect(host.cell("Budget!B80")).toMatchObject({ formula: 12_345, value: 12_345 });
    expect(host.cell("'Run rate'!B10")).toMatchObject({ formula: typedValue, value: (99_000 - 1000) / 5 });
    expect(summary).toMatchObject({ total: 363, done: 363, skipped: 2, stopped: false });
    expect(summary.updated + summary.unchanged + summary.errors[0].count).toBe(361);
    expect(summary.cells).toHaveLength(361);
    const recalculated = summary.cells.map((c) => `${c.sheet}!${c.address}`);
    expect(recalculated).not.toContain("Budget!B80");
    expect(recalculated).not.toContain("Run rate!B10");
    // The refresh wrote 361 formulas again; the formula the user typed was calculated once.
    expect(host.stats().evaluations - before).toBe(361 + 1);
  });
});
