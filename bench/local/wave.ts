/**
 * A recalculation wave of a business-case workbook: 10,000 local formulas (ALLOCATE rows, ROI,
 * TCO, DEPRECIATION, RUNRATE) that all read the workbook's assumptions (discount rate, asset
 * life, horizon, pool, escalation). Changing the assumptions recalculates every one: ours through
 * the built bundle, called as Excel calls custom functions, against HyperFormula recalculating
 * the equivalent native formulas (NPV, IRR, SLN, DDB, ROUND shares...) on the same inputs.
 */
import { HyperFormula } from "hyperformula";
import type { CustomFunctionsRuntime } from "../../test/support/custom-functions-runtime";
import { lcg } from "./inputs";

const PER_FAMILY = 2000;
const DRIVERS = 5;
const PERIODS = 10;
const ACTUALS = 6;
type Fn = (...args: unknown[]) => unknown;
/** A formula's answer: a spilled range's first cell, or the single value. */
const firstCell = (answer: unknown): number => Number(Array.isArray(answer) ? answer[0][0] : answer);

interface Assumptions {
  rate: number;
  life: number;
  horizon: number;
  pool: number;
  escalation: number;
}

const WAVES: Assumptions[] = [
  { rate: 0.08, life: 5, horizon: 12, pool: 1_234_567.89, escalation: 0.03 },
  { rate: 0.09, life: 6, horizon: 18, pool: 1_334_567.89, escalation: 0.025 },
];

interface Rows {
  drivers: number[][];
  costs: number[][];
  benefits: number[][];
  tco: [number, number][];
  assets: [number, number, number][];
  actuals: number[][];
}

function inputs(): Rows {
  const random = lcg(11);
  const whole = (max: number) => 1 + Math.floor(random() * max);
  const rows = (width: number, max: number) =>
    Array.from({ length: PER_FAMILY }, () => Array.from({ length: width }, () => whole(max)));
  const costs = rows(PERIODS, 50_000).map((row) => row.map((c, t) => (t === 0 ? c * 10 : c)));
  return {
    drivers: rows(DRIVERS, 1000),
    costs,
    benefits: costs.map((row) => row.map((c, t) => (t === 0 ? 0 : c + whole(60_000)))),
    tco: Array.from({ length: PER_FAMILY }, () => [whole(500_000), whole(80_000)]),
    assets: Array.from({ length: PER_FAMILY }, () => [whole(100_000) + 10_000, whole(5_000), whole(5)]),
    actuals: rows(ACTUALS, 90_000),
  };
}

const column = (n: number) => String.fromCharCode(65 + n);
const A = "Assumptions!";

/** The same workbook in HyperFormula's native functions; its answer cells are listed per family. */
function hyperFormulaWorkbook(rows: Rows, first: Assumptions): HyperFormula {
  const r = `${A}$A$1`;
  const sheets = {
    Assumptions: [[first.rate, first.life, first.horizon, first.pool, first.escalation]],
    Allocate: rows.drivers.map((drivers, i) => [
      ...drivers,
      ...drivers.map((_, j) => `=ROUND(${A}$D$1*${column(j)}${i + 1}/SUM($A${i + 1}:$E${i + 1}),2)`),
    ]),
    Roi: rows.costs.map((costs, i) => {
      const n = i + 1;
      const formula =
        i % 2 === 0 ? `=(K${n}-A${n})+NPV(${r},L${n}:T${n}-B${n}:J${n})` : `=IRR(K${n}:T${n}-A${n}:J${n})`;
      return [...costs, ...rows.benefits[i], formula];
    }),
    Tco: rows.tco.map(([upfront, recurring], i) => {
      const n = i + 1;
      const years = [1, 2, 3, 4, 5].map((y) => `B${n}*(1+${A}$E$1)^${y - 1}/(1+${r})^${y}`);
      return [upfront, recurring, `=A${n}+${years.join("+")}`];
    }),
    Depreciation: rows.assets.map(([cost, salvage, period], i) => {
      const n = i + 1;
      const formula = i % 2 === 0 ? `=DDB(A${n},B${n},${A}$B$1,C${n})` : `=SLN(A${n},B${n},${A}$B$1)`;
      return [cost, salvage, period, formula];
    }),
    RunRate: rows.actuals.map((actuals, i) => [...actuals, `=SUM(A${i + 1}:F${i + 1})/6*${A}$C$1`]),
  };
  return HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3", useArrayArithmetic: true });
}

function setAssumptions(hf: HyperFormula, a: Assumptions): void {
  const sheet = hf.getSheetId("Assumptions")!;
  hf.setCellContents({ sheet, row: 0, col: 0 }, [[a.rate, a.life, a.horizon, a.pool, a.escalation]]);
}

/** Every formula of the workbook, called as Excel calls them: ranges as rows of cells, the calling cell last. */
function ourWave(runtime: CustomFunctionsRuntime, rows: Rows, a: Assumptions): unknown[] {
  const fn = (name: string) => runtime.associated.get(name) as Fn;
  const [allocate, roi, tco, depreciation, runRate] = [
    "ALLOCATE",
    "ROI",
    "TCO",
    "DEPRECIATION",
    "RUNRATE",
  ].map(fn);
  const at = { address: "Sheet1!A1" };
  const results: unknown[] = [];
  for (let i = 0; i < PER_FAMILY; i++) {
    results.push(allocate([[a.pool]], [rows.drivers[i]], undefined, undefined, at));
    const metric = i % 2 === 0 ? "npv" : "irr";
    results.push(roi([rows.costs[i]], [rows.benefits[i]], a.rate, metric, undefined, undefined, at));
    const [upfront, recurring] = rows.tco[i];
    results.push(tco([[upfront]], [[recurring]], 5, a.rate, a.escalation, 0, "pv", at));
    const [cost, salvage, period] = rows.assets[i];
    results.push(depreciation(cost, salvage, a.life, i % 2 === 0 ? "ddb" : "sl", period, at));
    results.push(runRate([rows.actuals[i]], a.horizon, "average", at));
  }
  return results;
}

/** The largest difference between ours and HyperFormula over the wave, in each family's terms. */
function largestDifference(hf: HyperFormula, ours: unknown[]): { amounts: number; rates: number } {
  const value = (sheet: string, row: number, col: number) =>
    Number(hf.getCellValue({ sheet: hf.getSheetId(sheet)!, row, col }));
  let amounts = 0;
  let rates = 0;
  for (let i = 0; i < PER_FAMILY; i++) {
    const [shares, ...singles] = ours.slice(i * 5, i * 5 + 5);
    const [roi, tco, depreciation, runRate] = singles.map(firstCell);
    for (let j = 0; j < DRIVERS; j++) {
      // ROUND in doubles may leave a share a cent off; exact shares may differ from it by one cent.
      amounts = Math.max(
        amounts,
        Math.abs((shares as number[][])[0][j] - value("Allocate", i, DRIVERS + j)) > 0.0100001 ? Infinity : 0,
      );
    }
    const roiDiff = Math.abs(roi - value("Roi", i, 2 * PERIODS));
    if (i % 2 === 0) amounts = Math.max(amounts, roiDiff / Math.max(1e-6, 1e-9 * Math.abs(roi)));
    else rates = Math.max(rates, roiDiff / 1e-7);
    for (const [ours1, sheet, col] of [
      [tco, "Tco", 2],
      [depreciation, "Depreciation", 3],
      [runRate, "RunRate", ACTUALS],
    ] as const) {
      amounts = Math.max(
        amounts,
        Math.abs(ours1 - value(sheet, i, col)) / Math.max(1e-6, 1e-9 * Math.abs(ours1)),
      );
    }
  }
  return { amounts, rates };
}

export interface WaveResult {
  oursMs: number;
  hyperFormulaMs: number;
  /** Largest difference over the tolerance of DESIGN.md (amounts; rates): at most 1 agrees. */
  worst: { amounts: number; rates: number };
}

export function measureWave(runtime: CustomFunctionsRuntime, rounds: number): WaveResult {
  const rows = inputs();
  const hf = hyperFormulaWorkbook(rows, WAVES[0]);
  const oursTimes: number[] = [];
  const hfTimes: number[] = [];
  let worst = { amounts: 0, rates: 0 };
  for (let round = 0; round <= rounds; round++) {
    const a = WAVES[(round + 1) % WAVES.length];
    let start = process.hrtime.bigint();
    setAssumptions(hf, a);
    const hfMs = Number(process.hrtime.bigint() - start) / 1e6;
    start = process.hrtime.bigint();
    const ours = ourWave(runtime, rows, a);
    const oursMs = Number(process.hrtime.bigint() - start) / 1e6;
    // Round 0 warms both up, as a workbook that has been open for a while is.
    if (round > 0) {
      oursTimes.push(oursMs);
      hfTimes.push(hfMs);
    }
    const difference = largestDifference(hf, ours);
    worst = {
      amounts: Math.max(worst.amounts, difference.amounts),
      rates: Math.max(worst.rates, difference.rates),
    };
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  hf.destroy();
  return { oursMs: median(oursTimes), hyperFormulaMs: median(hfTimes), worst };
}
