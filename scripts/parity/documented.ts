/**
 * The worked examples on Microsoft's Excel support pages for NPV, IRR, MIRR, SLN, SYD, DDB, DB,
 * VDB, XNPV and XIRR, with the result as the page shows it (rates as fractions: 8.7% is 0.087).
 * The pages round to the digits shown, so results are compared at that precision.
 */
import type { ParityInput } from "./cases";

export interface DocumentedExample {
  page: string;
  input: ParityInput;
  shown: string;
}

const IRR_FLOWS = ["-70000", "12000", "15000", "18000", "21000", "26000"];
const MIRR_FLOWS = ["-120000", "39000", "30000", "21000", "37000", "46000"];
const DB_BY_PERIOD = ["186083.33", "259639.42", "176814.44", "120410.64", "81999.64", "55841.76", "15845.10"];

/** The examples of the periodic functions. */
export const DOCUMENTED_PERIODIC_EXAMPLES: readonly DocumentedExample[] = [
  {
    page: "NPV",
    input: { fn: "NPV", rate: "0.1", flows: ["-10000", "3000", "4200", "6800"] },
    shown: "1188.44",
  },
  {
    page: "NPV (initial investment added: NPV(8%, A4:A8) + A3)",
    input: {
      fn: "ROI",
      metric: "npv",
      costs: ["40000", "0", "0", "0", "0", "0"],
      benefits: ["0", "8000", "9200", "10000", "12000", "14500"],
      rate: "0.08",
    },
    shown: "1922.06",
  },
  {
    page: "NPV (with a loss of 9000 in year 6: NPV(8%, A4:A8, -9000) + A3)",
    input: {
      fn: "ROI",
      metric: "npv",
      costs: ["40000", "0", "0", "0", "0", "0", "9000"],
      benefits: ["0", "8000", "9200", "10000", "12000", "14500", "0"],
      rate: "0.08",
    },
    shown: "-3749.47",
  },
  { page: "IRR (after four years)", input: { fn: "IRR", flows: IRR_FLOWS.slice(0, 5) }, shown: "-0.021" },
  { page: "IRR (after five years)", input: { fn: "IRR", flows: IRR_FLOWS }, shown: "0.087" },
  {
    page: "IRR (after two years, guess -10%)",
    input: { fn: "IRR", flows: IRR_FLOWS.slice(0, 3), guess: "-0.1" },
    shown: "-0.444",
  },
  {
    page: "MIRR (after five years)",
    input: { fn: "MIRR", flows: MIRR_FLOWS, financeRate: "0.1", reinvestRate: "0.12" },
    shown: "0.13",
  },
  {
    page: "MIRR (after three years)",
    input: { fn: "MIRR", flows: MIRR_FLOWS.slice(0, 4), financeRate: "0.1", reinvestRate: "0.12" },
    shown: "-0.05",
  },
  {
    page: "MIRR (five years at a 14% reinvestment rate)",
    input: { fn: "MIRR", flows: MIRR_FLOWS, financeRate: "0.1", reinvestRate: "0.14" },
    shown: "0.13",
  },
  { page: "SLN", input: { fn: "SLN", cost: "30000", salvage: "7500", life: "10" }, shown: "2250.00" },
  {
    page: "SYD (first year)",
    input: { fn: "SYD", cost: "30000", salvage: "7500", life: "10", period: "1" },
    shown: "4090.91",
  },
  {
    page: "SYD (tenth year)",
    input: { fn: "SYD", cost: "30000", salvage: "7500", life: "10", period: "10" },
    shown: "409.09",
  },
  {
    page: "DDB (first day)",
    input: { fn: "DDB", cost: "2400", salvage: "300", life: "3650", period: "1" },
    shown: "1.32",
  },
  {
    page: "DDB (first month)",
    input: { fn: "DDB", cost: "2400", salvage: "300", life: "120", period: "1", factor: "2" },
    shown: "40.00",
  },
  {
    page: "DDB (first year)",
    input: { fn: "DDB", cost: "2400", salvage: "300", life: "10", period: "1", factor: "2" },
    shown: "480.00",
  },
  {
    page: "DDB (second year, factor 1.5)",
    input: { fn: "DDB", cost: "2400", salvage: "300", life: "10", period: "2", factor: "1.5" },
    shown: "306.00",
  },
  {
    page: "DDB (tenth year)",
    input: { fn: "DDB", cost: "2400", salvage: "300", life: "10", period: "10" },
    shown: "22.12",
  },
  ...DB_BY_PERIOD.map((shown, i): DocumentedExample => ({
    page: `DB (year ${i + 1}, 7 months in the first year)`,
    input: { fn: "DB", cost: "1000000", salvage: "100000", life: "6", period: String(i + 1), month: "7" },
    shown,
  })),
  {
    page: "VDB (first day)",
    input: { fn: "VDB", cost: "2400", salvage: "300", life: "3650", start: "0", end: "1" },
    shown: "1.32",
  },
  {
    page: "VDB (first month)",
    input: { fn: "VDB", cost: "2400", salvage: "300", life: "120", start: "0", end: "1" },
    shown: "40.00",
  },
  {
    page: "VDB (first year)",
    input: { fn: "VDB", cost: "2400", salvage: "300", life: "10", start: "0", end: "1" },
    shown: "480.00",
  },
  {
    page: "VDB (sixth to eighteenth month)",
    input: { fn: "VDB", cost: "2400", salvage: "300", life: "120", start: "6", end: "18" },
    shown: "396.31",
  },
  {
    page: "VDB (sixth to eighteenth month, factor 1.5)",
    input: { fn: "VDB", cost: "2400", salvage: "300", life: "120", start: "6", end: "18", factor: "1.5" },
    shown: "311.81",
  },
  {
    page: "VDB (first fiscal year owned, factor 1.5)",
    input: { fn: "VDB", cost: "2400", salvage: "300", life: "10", start: "0", end: "0.875", factor: "1.5" },
    shown: "315.00",
  },
];

/** XNPV's and XIRR's example: 2008-01-01, 2008-03-01, 2008-10-30, 2009-02-15 and 2009-04-01. */
export const DATED_FLOWS = ["-10000", "2750", "4250", "3250", "2750"];
export const DATED_DATES = ["39448", "39508", "39751", "39859", "39904"];

/** The examples of the functions of dated cash flows. */
export const DOCUMENTED_DATED_EXAMPLES: readonly DocumentedExample[] = [
  {
    page: "XNPV (discounted at 9%)",
    input: { fn: "XNPV", rate: "0.09", flows: DATED_FLOWS, dates: DATED_DATES },
    shown: "2086.65",
  },
  {
    page: "XNPV (the VBA reference's WorksheetFunction.Xnpv, same flows)",
    input: { fn: "XNPV", rate: "0.09", flows: DATED_FLOWS, dates: DATED_DATES },
    shown: "2086.6476",
  },
  {
    // The page shows 0.373362535 "or 37.3%": Excel stops iterating within 0.000001% of the root
    // (0.3733625335), so the digits compared are those of the percentage.
    page: "XIRR (guess 0.1)",
    input: { fn: "XIRR", flows: DATED_FLOWS, dates: DATED_DATES, guess: "0.1" },
    shown: "0.373",
  },
];

export const DOCUMENTED_EXAMPLES: readonly DocumentedExample[] = [
  ...DOCUMENTED_PERIODIC_EXAMPLES,
  ...DOCUMENTED_DATED_EXAMPLES,
];
