/**
 * Parity cases between the calculation engine and a spreadsheet: their inputs (decimal strings),
 * the OpenFormula that computes each in LibreOffice Calc, and a seeded generator of cases.
 */
import type { CalcErrorKind } from "../../src/engine/errors";
import {
  DATED_DATES as MS_DATES,
  DATED_FLOWS,
  DOCUMENTED_DATED_EXAMPLES,
  DOCUMENTED_PERIODIC_EXAMPLES,
} from "./documented";
import { DEPRECIATION_EDGES, type ExcelEdge, type ExcelEdgeResult } from "./edges";

export type RoiParityMetric = "roi" | "npv" | "irr" | "mirr" | "bcr";
export type TcoParityMetric = "total" | "pv" | "annual";
export type RunRateParityMethod = "average" | "last" | "trend";

export type ParityInput =
  | { fn: "NPV"; rate: string; flows: string[] }
  | { fn: "IRR"; flows: string[]; guess?: string }
  | { fn: "MIRR"; flows: string[]; financeRate: string; reinvestRate: string }
  | { fn: "XNPV"; rate: string; flows: string[]; dates: string[] }
  | { fn: "XIRR"; flows: string[]; dates: string[]; guess?: string }
  | { fn: "SLN"; cost: string; salvage: string; life: string }
  | { fn: "SYD"; cost: string; salvage: string; life: string; period: string }
  | { fn: "DDB"; cost: string; salvage: string; life: string; period: string; factor?: string }
  | { fn: "DB"; cost: string; salvage: string; life: string; period: string; month?: string }
  | {
      fn: "VDB";
      cost: string;
      salvage: string;
      life: string;
      start: string;
      end: string;
      factor?: string;
      noSwitch?: boolean;
    }
  | {
      fn: "ROI";
      metric: RoiParityMetric;
      costs: string[];
      benefits: string[];
      rate: string;
      reinvestRate?: string;
      /** Date serials, one per period: npv, irr and bcr then follow XNPV and XIRR. */
      dates?: string[];
    }
  | {
      fn: "TCO";
      metric: TcoParityMetric;
      upfront: string;
      recurring: string | string[];
      years?: number;
      rate: string;
      escalation: string;
      endOfLife: string;
    }
  | { fn: "RUNRATE"; method: RunRateParityMethod; actuals: string[]; periodsTotal: number };

/** Where Excel's documented behaviour and LibreOffice's differ: what the engine must give instead. */
export interface ExcelDivergence {
  engine: CalcErrorKind;
  reason: string;
}

export interface ParityCase {
  id: string;
  input: ParityInput;
  excelDiffers?: ExcelDivergence;
  /** At an edge of the function's arguments: Excel's result there, and its source. */
  excel?: ExcelEdgeResult;
  note?: string;
}

export type SpreadsheetResult = { value: string } | { error: string };

export interface ParityEntry extends ParityCase {
  formula: string;
  libreoffice: SpreadsheetResult;
}

export interface ParityFixture {
  description: string;
  libreofficeVersion: string;
  seed: number;
  cases: ParityEntry[];
}

export const PARITY_SEED = 20270301;

/** An OpenFormula inline array, one row: {a;b;c}. */
function inlineArray(values: readonly string[]): string {
  return `{${values.join(";")}}`;
}

function periodsArray(from: number, to: number): string {
  return inlineArray(Array.from({ length: to - from + 1 }, (_, i) => String(from + i)));
}

function optionalArgs(...args: Array<string | undefined>): string {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args
    .slice(0, end)
    .map((a) => `;${a ?? ""}`)
    .join("");
}

/** Yearly recurring amounts as a spreadsheet expression (escalation done by the spreadsheet). */
function tcoRecurringArray(input: Extract<ParityInput, { fn: "TCO" }>): {
  expression: string;
  years: number;
} {
  if (Array.isArray(input.recurring)) {
    return { expression: inlineArray(input.recurring), years: input.recurring.length };
  }
  const years = input.years ?? 0;
  return {
    expression: `${input.recurring}*(1+${input.escalation})^${periodsArray(0, years - 1)}`,
    years,
  };
}

function tcoPresentValue(input: Extract<ParityInput, { fn: "TCO" }>): string {
  const { expression, years } = tcoRecurringArray(input);
  const endOfLife = inlineArray(
    Array.from({ length: years }, (_, i) => (i === years - 1 ? input.endOfLife : "0")),
  );
  return `(${input.upfront}+NPV(${input.rate};${expression}+${endOfLife}))`;
}

/** The spreadsheet formula (OpenFormula syntax, as stored in ODF) whose value the engine must match. */
export function formulaFor(input: ParityInput): string {
  switch (input.fn) {
    case "NPV":
      return `NPV(${input.rate};${inlineArray(input.flows)})`;
    case "IRR":
      return `IRR(${inlineArray(input.flows)}${optionalArgs(input.guess)})`;
    case "MIRR":
      return `MIRR(${inlineArray(input.flows)};${input.financeRate};${input.reinvestRate})`;
    case "XNPV":
      return `XNPV(${input.rate};${inlineArray(input.flows)};${inlineArray(input.dates)})`;
    case "XIRR":
      return `XIRR(${inlineArray(input.flows)};${inlineArray(input.dates)}${optionalArgs(input.guess)})`;
    case "SLN":
      return `SLN(${input.cost};${input.salvage};${input.life})`;
    case "SYD":
      return `SYD(${input.cost};${input.salvage};${input.life};${input.period})`;
    case "DDB":
      return `DDB(${input.cost};${input.salvage};${input.life};${input.period}${optionalArgs(input.factor)})`;
    case "DB":
      return `DB(${input.cost};${input.salvage};${input.life};${input.period}${optionalArgs(input.month)})`;
    case "VDB": {
      const noSwitch = input.noSwitch === undefined ? undefined : input.noSwitch ? "TRUE()" : "FALSE()";
      const factor = input.factor ?? (noSwitch === undefined ? undefined : "2");
      return `VDB(${input.cost};${input.salvage};${input.life};${input.start};${input.end}${optionalArgs(factor, noSwitch)})`;
    }
    case "ROI": {
      const benefits = inlineArray(input.benefits);
      const costs = inlineArray(input.costs);
      if (input.dates !== undefined) return datedRoiFormula(input, benefits, costs, inlineArray(input.dates));
      const later = (values: string[]) => inlineArray(values.slice(1));
      switch (input.metric) {
        case "roi":
          return `(SUM(${benefits})-SUM(${costs}))/SUM(${costs})`;
        case "npv":
          return `(${input.benefits[0]})-(${input.costs[0]})+NPV(${input.rate};${later(input.benefits)}-${later(input.costs)})`;
        case "irr":
          return `IRR(${benefits}-${costs})`;
        case "mirr":
          return `MIRR(${benefits}-${costs};${input.rate};${input.reinvestRate ?? input.rate})`;
        case "bcr":
          return `(${input.benefits[0]}+NPV(${input.rate};${later(input.benefits)}))/(${input.costs[0]}+NPV(${input.rate};${later(input.costs)}))`;
      }
      break;
    }
    case "TCO": {
      const { expression, years } = tcoRecurringArray(input);
      switch (input.metric) {
        case "total":
          return `${input.upfront}+SUM(${expression})+${input.endOfLife}`;
        case "pv":
          return tcoPresentValue(input);
        case "annual":
          return `-PMT(${input.rate};${years};${tcoPresentValue(input)})`;
      }
      break;
    }
    case "RUNRATE": {
      const actuals = inlineArray(input.actuals);
      const n = input.actuals.length;
      const remaining = input.periodsTotal - n;
      switch (input.method) {
        case "average":
          return `AVERAGE(${actuals})*${input.periodsTotal}`;
        case "last":
          return `SUM(${actuals})+INDEX(${actuals};1;${n})*${remaining}`;
        case "trend":
          return remaining === 0
            ? `SUM(${actuals})`
            : `SUM(${actuals})+SUMPRODUCT(TREND(${actuals};${periodsArray(1, n)};${periodsArray(n + 1, input.periodsTotal)}))`;
      }
    }
  }
  throw new Error(`no formula for ${JSON.stringify(input)}`);
}

function datedRoiFormula(
  input: Extract<ParityInput, { fn: "ROI" }>,
  benefits: string,
  costs: string,
  dates: string,
): string {
  switch (input.metric) {
    case "roi":
      return `(SUM(${benefits})-SUM(${costs}))/SUM(${costs})`;
    case "npv":
      return `XNPV(${input.rate};${benefits}-${costs};${dates})`;
    case "irr":
      return `XIRR(${benefits}-${costs};${dates})`;
    case "bcr":
      return `XNPV(${input.rate};${benefits};${dates})/XNPV(${input.rate};${costs};${dates})`;
    case "mirr":
      throw new Error("mirr takes no dates");
  }
}

/** Excel's last date serial, 9999-12-31. */
const LAST_DATE_SERIAL = 2958465;

/** Where Excel's XNPV and XIRR refuse the dates and LibreOffice's calculate. */
function datesDivergence(dates: readonly string[] | undefined): ExcelDivergence | undefined {
  if (dates === undefined) return undefined;
  const days = dates.map((d) => Math.trunc(Number(d)));
  if (days.some((day) => day < 0 || day > LAST_DATE_SERIAL)) {
    return {
      engine: "value",
      reason:
        "Excel's XNPV and XIRR are #VALUE! for a number that is no date; LibreOffice calculates with it",
    };
  }
  if (days.some((day) => day < days[0])) {
    return {
      engine: "num",
      reason:
        "Microsoft's XNPV and XIRR pages say #NUM! for a date before the first date; LibreOffice discounts it with a negative exponent",
    };
  }
  return undefined;
}

function hasBothSigns(values: readonly string[]): boolean {
  return values.some((v) => Number(v) < 0) && values.some((v) => Number(v) > 0);
}

/**
 * The known cases where Excel's documented result differs from LibreOffice's; the engine follows
 * Excel there, and the parity test checks both sides of the difference.
 */
export function excelDivergence(input: ParityInput): ExcelDivergence | undefined {
  switch (input.fn) {
    case "XNPV":
    case "XIRR":
      // Counts that differ are #NUM! in both.
      return input.dates.length === input.flows.length ? datesDivergence(input.dates) : undefined;
    case "ROI":
      return datesDivergence(input.dates);
    case "NPV":
      if (Number(input.rate) === -1) {
        return {
          engine: "div0",
          reason: "Excel's NPV at a rate of -100% is #DIV/0!; LibreOffice reports #NUM!",
        };
      }
      return undefined;
    case "MIRR":
      if (!hasBothSigns(input.flows)) {
        return {
          engine: "div0",
          reason:
            "Excel's MIRR without both an inflow and an outflow is #DIV/0!; LibreOffice reports an invalid argument",
        };
      }
      if (Number(input.financeRate) === -1 || Number(input.reinvestRate) === -1) {
        return {
          engine: "div0",
          reason:
            "Excel's MIRR discounts with NPV at both rates, a division by zero at -100%; LibreOffice returns a value or #NUM!",
        };
      }
      return undefined;
    case "SYD":
      // A life of 0 is refused by both.
      if (
        Number(input.life) !== 0 &&
        (Number(input.period) <= 0 || Number(input.period) > Number(input.life))
      ) {
        return {
          engine: "num",
          reason:
            "Excel's SYD is #NUM! for a period outside 0 < period <= life; LibreOffice evaluates the formula",
        };
      }
      return undefined;
    case "DB":
      // LibreOffice refuses a life not above 0 as Excel does.
      if (
        Math.floor(Number(input.month ?? "12")) === 12 &&
        Number(input.life) > 0 &&
        Number(input.period) > Number(input.life)
      ) {
        return {
          engine: "num",
          reason:
            "with 12 months in the first year Excel's DB has no period life + 1 (#NUM!); LibreOffice returns 0",
        };
      }
      return undefined;
    default:
      return undefined;
  }
}

/** An edge where LibreOffice is known to differ from Excel: the engine gives Excel's error. */
function edgeDivergence(edge: ExcelEdge): ExcelDivergence | undefined {
  if (!edge.libreOfficeDiffers || edge.excel === "a number") return undefined;
  return { engine: edge.excel === "#DIV/0!" ? "div0" : "num", reason: edge.note };
}

/** mulberry32: small, seeded, reproducible. */
class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(values: readonly T[]): T {
    return values[this.int(0, values.length - 1)];
  }
  /** A decimal string with `decimals` places between min and max (both scaled integers, exact). */
  decimal(min: number, max: number, decimals: number): string {
    return fixed(this.int(Math.round(min * 10 ** decimals), Math.round(max * 10 ** decimals)), decimals);
  }
}

/** units / 10^decimals as an exact decimal string. */
function fixed(units: number, decimals: number): string {
  const sign = units < 0 ? "-" : "";
  const digits = String(Math.abs(units)).padStart(decimals + 1, "0");
  if (decimals === 0) return sign + digits;
  const text = `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`.replace(/\.?0+$/, "");
  return sign + text;
}

function investmentFlows(random: Random, length: number): string[] {
  const scale = random.pick([1000, 50000, 1000000]);
  const flows = [random.decimal(-scale, -scale / 10, 2)];
  for (let t = 1; t < length; t++) {
    const outflow = t <= 2 ? random.chance(0.25) : random.chance(0.08);
    flows.push(outflow ? random.decimal(-scale / 2, 0, 2) : random.decimal(0, scale / 2, 2));
  }
  return flows;
}

function mixedFlows(random: Random, length: number): string[] {
  return Array.from({ length }, () => random.decimal(-100000, 100000, 2));
}

function generateTvm(random: Random, add: (input: ParityInput) => void): void {
  for (let i = 0; i < 40; i++) {
    const rate = random.chance(0.15) ? random.decimal(-0.9, -0.01, 4) : random.decimal(0, 0.4, 4);
    add({ fn: "NPV", rate, flows: mixedFlows(random, random.int(1, 15)) });
  }
  add({ fn: "NPV", rate: "0", flows: ["100", "-50", "25.5"] });
  add({ fn: "NPV", rate: "-1.5", flows: ["100", "200", "300"] });
  add({ fn: "NPV", rate: "-1", flows: ["100", "200"] });

  for (let i = 0; i < 50; i++) {
    const guess = random.chance(0.2) ? random.decimal(-0.5, 0.5, 2) : undefined;
    add({ fn: "IRR", flows: investmentFlows(random, random.int(2, 12)), guess });
  }
  add({ fn: "IRR", flows: ["100", "50", "25"] });
  add({ fn: "IRR", flows: ["-100", "-50", "-25"] });
  add({ fn: "IRR", flows: ["0", "0", "0"] });
  add({ fn: "IRR", flows: ["0", "-100", "110"] });
  add({ fn: "IRR", flows: ["-100", "230", "-132"] });
  add({ fn: "IRR", flows: ["-100", "230", "-132"], guess: "0.3" });
  add({ fn: "IRR", flows: ["-100", "0", "0", "0", "0", "0", "0", "0", "0", "0", "1000000"] });
  add({ fn: "IRR", flows: ["-1000", "100", "100", "100"] });

  for (let i = 0; i < 35; i++) {
    add({
      fn: "MIRR",
      flows: investmentFlows(random, random.int(2, 12)),
      financeRate: random.decimal(-0.5, 0.3, 4),
      reinvestRate: random.decimal(-0.5, 0.3, 4),
    });
  }
  add({ fn: "MIRR", flows: ["100", "200", "300"], financeRate: "0.1", reinvestRate: "0.12" });
  add({ fn: "MIRR", flows: ["-100", "-200", "0"], financeRate: "0.1", reinvestRate: "0.12" });
  add({ fn: "MIRR", flows: ["-100", "50", "70"], financeRate: "-1", reinvestRate: "0.1" });
  add({ fn: "MIRR", flows: ["-100", "50", "70"], financeRate: "0.1", reinvestRate: "-1" });
}

function assetCost(random: Random): string {
  return random.decimal(100, 2000000, 2);
}

function salvageBelow(random: Random, cost: string): string {
  return random.chance(0.15) ? "0" : random.decimal(0, Number(cost) * 0.4, 2);
}

function generateDepreciation(random: Random, add: (input: ParityInput, edge?: ExcelEdge) => void): void {
  const addEdges = (fn: ParityInput["fn"]) =>
    DEPRECIATION_EDGES.filter((edge) => edge.input.fn === fn).forEach((edge) => add(edge.input, edge));
  for (let i = 0; i < 20; i++) {
    const cost = assetCost(random);
    const life = random.chance(0.2) ? random.decimal(0.5, 30, 2) : String(random.int(1, 40));
    add({ fn: "SLN", cost, salvage: salvageBelow(random, cost), life });
  }
  addEdges("SLN");

  for (let i = 0; i < 25; i++) {
    const cost = assetCost(random);
    const life = random.int(1, 40);
    const period = random.chance(0.2) ? random.decimal(0.1, life, 2) : String(random.int(1, life));
    add({ fn: "SYD", cost, salvage: salvageBelow(random, cost), life: String(life), period });
  }
  addEdges("SYD");

  for (let i = 0; i < 35; i++) {
    const cost = assetCost(random);
    const life = random.chance(0.1) ? random.int(100, 3650) : random.int(1, 40);
    const period = random.chance(0.2)
      ? random.decimal(1, life, 2)
      : String(random.int(1, Math.min(life, 60)));
    const factor = random.chance(0.5) ? undefined : random.decimal(0.5, 4, 2);
    add({ fn: "DDB", cost, salvage: salvageBelow(random, cost), life: String(life), period, factor });
  }
  addEdges("DDB");

  for (let i = 0; i < 35; i++) {
    const cost = assetCost(random);
    const life = random.int(1, 30);
    const month = random.chance(0.4) ? undefined : String(random.int(1, 12));
    const lastPeriod = month === undefined || month === "12" ? life : life + 1;
    const period = random.chance(0.1) ? random.decimal(1, lastPeriod, 2) : String(random.int(1, lastPeriod));
    add({ fn: "DB", cost, salvage: salvageBelow(random, cost), life: String(life), period, month });
  }
  addEdges("DB");

  for (let i = 0; i < 50; i++) {
    const cost = assetCost(random);
    const life = random.chance(0.15) ? Number(random.decimal(1, 30, 2)) : random.int(1, 40);
    const fractional = random.chance(0.3);
    const a = fractional ? Number(random.decimal(0, life, 2)) : random.int(0, Math.floor(life));
    const b = fractional ? Number(random.decimal(0, life, 2)) : random.int(0, Math.floor(life));
    const factor = random.chance(0.5) ? undefined : random.decimal(0.5, 4, 2);
    const noSwitch = random.chance(0.25) ? true : undefined;
    add({
      fn: "VDB",
      cost,
      salvage: salvageBelow(random, cost),
      life: String(life),
      start: String(Math.min(a, b)),
      end: String(Math.max(a, b)),
      factor,
      noSwitch,
    });
  }
  addEdges("VDB");
}

function generateBusinessCases(random: Random, add: (input: ParityInput) => void): void {
  const metrics: RoiParityMetric[] = ["roi", "npv", "irr", "mirr", "bcr"];
  for (let i = 0; i < 50; i++) {
    const periods = random.int(2, 10);
    const scale = random.pick([10000, 250000]);
    const costs = Array.from({ length: periods }, (_, t) =>
      t === 0 ? random.decimal(scale / 2, scale * 2, 2) : random.decimal(0, scale / 5, 2),
    );
    const benefits = Array.from({ length: periods }, (_, t) =>
      t === 0 ? "0" : random.decimal(0, (scale * 3) / periods, 2),
    );
    const reinvestRate = random.chance(0.5) ? random.decimal(0, 0.15, 4) : undefined;
    add({
      fn: "ROI",
      metric: metrics[i % metrics.length],
      costs,
      benefits,
      rate: random.decimal(0, 0.2, 4),
      reinvestRate,
    });
  }
  add({ fn: "ROI", metric: "roi", costs: ["0", "0", "0"], benefits: ["0", "10", "20"], rate: "0.1" });
  add({ fn: "ROI", metric: "irr", costs: ["0", "0", "0"], benefits: ["5", "10", "20"], rate: "0.1" });
  add({ fn: "ROI", metric: "bcr", costs: ["0", "0"], benefits: ["5", "10"], rate: "0.1" });

  const tcoMetrics: TcoParityMetric[] = ["total", "pv", "annual"];
  for (let i = 0; i < 36; i++) {
    const metric = tcoMetrics[i % tcoMetrics.length];
    const asRange = random.chance(0.35);
    const years = random.int(1, 10);
    const rate = random.chance(0.15) ? "0" : random.decimal(0, 0.15, 4);
    add({
      fn: "TCO",
      metric,
      upfront: random.decimal(0, 500000, 2),
      recurring: asRange
        ? Array.from({ length: years }, () => random.decimal(0, 100000, 2))
        : random.decimal(0, 100000, 2),
      years: asRange ? undefined : years,
      rate,
      escalation: asRange ? "0" : random.decimal(0, 0.08, 4),
      endOfLife: random.chance(0.3) ? random.decimal(-50000, 0, 2) : random.decimal(0, 20000, 2),
    });
  }

  const methods: RunRateParityMethod[] = ["average", "last", "trend"];
  for (let i = 0; i < 36; i++) {
    const n = random.int(2, 11);
    const actuals = Array.from({ length: n }, () => random.decimal(-5000, 200000, 2));
    add({ fn: "RUNRATE", method: methods[i % methods.length], actuals, periodsTotal: random.int(n, 12) });
  }
}

/** Date serials for `length` flows: a first date, then later ones in any order, some on one day, some with a time of day. */
function datesAfterFirst(random: Random, length: number): string[] {
  const first = random.int(40000, 47000);
  const time = () => (random.chance(0.2) ? random.pick([".25", ".5", ".999"]) : "");
  const later = Array.from(
    { length: length - 1 },
    () => first + (random.chance(0.1) ? 0 : random.int(1, 1500)),
  );
  if (random.chance(0.7)) later.sort((a, b) => a - b);
  return [first, ...later].map((serial) => `${serial}${time()}`);
}

function generateDated(random: Random, add: (input: ParityInput, prefix?: string) => void): void {
  // Appended after the periodic cases, so those keep their ids.
  for (const example of DOCUMENTED_DATED_EXAMPLES) add(example.input, "excel-doc-");
  for (let i = 0; i < 40; i++) {
    const n = random.int(2, 12);
    const rate = random.chance(0.15) ? random.decimal(-0.9, -0.01, 4) : random.decimal(0, 0.4, 4);
    add({ fn: "XNPV", rate, flows: mixedFlows(random, n), dates: datesAfterFirst(random, n) });
  }
  const flows = [...DATED_FLOWS];
  add({ fn: "XNPV", rate: "0", flows, dates: MS_DATES });
  add({ fn: "XNPV", rate: "-0.5", flows, dates: MS_DATES });
  add({ fn: "XNPV", rate: "-1", flows, dates: MS_DATES });
  add({ fn: "XNPV", rate: "-1.5", flows, dates: MS_DATES });
  add({ fn: "XNPV", rate: "0.09", flows, dates: MS_DATES.slice(0, 4) });
  add({ fn: "XNPV", rate: "0.09", flows, dates: ["39904", "39508", "39751", "39859", "39448"] });
  add({ fn: "XNPV", rate: "0.09", flows, dates: ["39448", "39508", "-5", "39859", "39904"] });
  add({ fn: "XNPV", rate: "0.09", flows, dates: ["39448", "39508", "3000000", "39859", "39904"] });
  add({ fn: "XNPV", rate: "0.09", flows, dates: ["39448.7", "39508.9", "39751.5", "39859.2", "39904.99"] });
  add({
    fn: "XNPV",
    rate: "0.08",
    flows: ["-1000", "300", "400", "500"],
    dates: ["40179", "40544", "40909", "41274"],
  });

  for (let i = 0; i < 40; i++) {
    const n = random.int(2, 12);
    const guess = random.chance(0.2) ? random.decimal(-0.5, 0.5, 2) : undefined;
    add({ fn: "XIRR", flows: investmentFlows(random, n), dates: datesAfterFirst(random, n), guess });
  }
  add({ fn: "XIRR", flows: ["10000", "2750", "4250"], dates: MS_DATES.slice(0, 3) });
  add({ fn: "XIRR", flows: ["-10000", "-2750", "0"], dates: MS_DATES.slice(0, 3) });
  add({ fn: "XIRR", flows, dates: MS_DATES, guess: "-1" });
  add({ fn: "XIRR", flows, dates: MS_DATES.slice(0, 4) });
  add({ fn: "XIRR", flows, dates: ["39448", "39508", "39351", "39859", "39904"] });
  add({ fn: "XIRR", flows, dates: ["39448", "39508", "-1", "39859", "39904"] });
  add({ fn: "XIRR", flows, dates: ["39448", "39448", "39448", "39448", "39448"] });
  add({ fn: "XIRR", flows, dates: ["39448.9", "39508.1", "39751.5", "39859.2", "39904.99"] });
  add({ fn: "XIRR", flows, dates: ["39448", "39904", "39508", "39859", "39751"] });
  add({ fn: "XIRR", flows: ["-100", "230", "-132"], dates: ["40179", "40544", "40909"], guess: "0.05" });
  add({ fn: "XIRR", flows: ["-100", "230", "-132"], dates: ["40179", "40544", "40909"], guess: "0.3" });
  add({ fn: "XIRR", flows: ["-100", "300", "-300"], dates: ["40179", "40544", "40909"] });
  add({ fn: "XIRR", flows: ["-100", "0", "0", "1000000"], dates: ["40000", "40100", "40200", "40300"] });

  const metrics: RoiParityMetric[] = ["npv", "irr", "bcr", "roi"];
  for (let i = 0; i < 24; i++) {
    const periods = random.int(2, 10);
    const costs = Array.from({ length: periods }, (_, t) =>
      t === 0 ? random.decimal(50000, 500000, 2) : random.decimal(0, 40000, 2),
    );
    const benefits = Array.from({ length: periods }, (_, t) =>
      t === 0 ? "0" : random.decimal(0, 900000 / periods, 2),
    );
    const rate = random.decimal(0, 0.2, 4);
    add({
      fn: "ROI",
      metric: metrics[i % metrics.length],
      costs,
      benefits,
      rate,
      dates: datesAfterFirst(random, periods),
    });
  }
}

/** The full, reproducible set of parity cases. */
export function generateParityCases(seed: number = PARITY_SEED): ParityCase[] {
  const random = new Random(seed);
  const cases: ParityCase[] = [];
  const seen = new Set<string>();
  const add = (input: ParityInput, prefix = "", edge?: ExcelEdge) => {
    const key = JSON.stringify(input);
    if (seen.has(key)) return;
    seen.add(key);
    const id = `${prefix}${input.fn.toLowerCase()}-${String(cases.length + 1).padStart(3, "0")}`;
    const excelDiffers = excelDivergence(input) ?? (edge && edgeDivergence(edge));
    const documented = edge ? { excel: edge.excel, note: edge.note } : {};
    cases.push(excelDiffers ? { id, input, excelDiffers, ...documented } : { id, input, ...documented });
  };
  for (const example of DOCUMENTED_PERIODIC_EXAMPLES) add(example.input, "excel-doc-");
  generateTvm(random, add);
  generateDepreciation(random, (input, edge) => add(input, "", edge));
  generateBusinessCases(random, add);
  generateDated(random, add);
  return cases;
}
