/**
 * The edges of Excel's depreciation functions: one case per edge, with the result Excel gives there
 * and where that is written. Sources, shortened in the notes:
 * - MS: Microsoft's Excel support page of the function (SLN, SYD, DDB, DB, VDB).
 * - ECMA: ECMA-376 1st edition Part 4 §3.17.7 (SpreadsheetML formulas), the function's error list.
 * - LibreOffice: LibreOffice Calc, recalculated into the fixture (Err:502 is its invalid argument).
 * Where the sources are silent, the note says what was chosen and why.
 */
import type { ParityInput } from "./cases";

/** Excel's result at an edge: an error, or a number (the spreadsheet's value is then the check). */
export type ExcelEdgeResult = "#NUM!" | "#DIV/0!" | "a number";

export interface ExcelEdge {
  input: ParityInput;
  excel: ExcelEdgeResult;
  note: string;
  /** LibreOffice gives another result than Excel here; the engine follows Excel. */
  libreOfficeDiffers?: true;
}

const SILENT_ON_SALVAGE_ABOVE_COST =
  "MS and ECMA are silent on a salvage value above the cost; LibreOffice refuses it (Err:502) and so do we (#NUM!), as a declining balance cannot rise to the salvage value";

const sln = (cost: string, salvage: string, life: string) => ({ fn: "SLN", cost, salvage, life }) as const;
const syd = (cost: string, salvage: string, life: string, period: string) =>
  ({ fn: "SYD", cost, salvage, life, period }) as const;
const ddb = (cost: string, salvage: string, life: string, period: string, factor?: string) =>
  factor === undefined
    ? ({ fn: "DDB", cost, salvage, life, period } as const)
    : ({ fn: "DDB", cost, salvage, life, period, factor } as const);
const db = (cost: string, salvage: string, life: string, period: string, month?: string) =>
  month === undefined
    ? ({ fn: "DB", cost, salvage, life, period } as const)
    : ({ fn: "DB", cost, salvage, life, period, month } as const);
const vdb = (cost: string, salvage: string, life: string, start: string, end: string, factor?: string) =>
  factor === undefined
    ? ({ fn: "VDB", cost, salvage, life, start, end } as const)
    : ({ fn: "VDB", cost, salvage, life, start, end, factor } as const);

export const DEPRECIATION_EDGES: readonly ExcelEdge[] = [
  {
    input: sln("1000", "100", "0"),
    excel: "#DIV/0!",
    note: "SLN divides by the life; MS lists no check, .NET's Financial.SLN fails on Life = 0; LibreOffice #DIV/0!",
  },
  {
    input: sln("1000", "100", "-5"),
    excel: "a number",
    note: "MS lists no check on the life; SLN's formula gives -180 (ITFM.DEPRECIATION still needs a life above 0)",
  },
  { input: sln("1000", "1500", "5"), excel: "a number", note: "salvage above cost: SLN's formula, -100" },
  { input: sln("1000", "-100", "5"), excel: "a number", note: "negative salvage: SLN's formula, 220" },
  { input: sln("-1000", "0", "5"), excel: "a number", note: "negative cost: SLN's formula, -200" },
  { input: sln("1000", "100", "2.5"), excel: "a number", note: "fractional life: SLN's formula, 360" },

  {
    input: syd("30000", "7500", "0", "1"),
    excel: "#NUM!",
    note: "life 0: Excel's SYD is #NUM! for a life not above 0 or a period outside it; LibreOffice #NUM! too",
  },
  {
    input: syd("30000", "7500", "-5", "1"),
    excel: "#NUM!",
    note: "negative life: no period lies within it; LibreOffice evaluates the formula",
  },
  {
    input: syd("30000", "7500", "10", "0"),
    excel: "#NUM!",
    note: "period 0: Excel's SYD needs 0 < period <= life; LibreOffice evaluates the formula",
  },
  {
    input: syd("30000", "7500", "10", "11"),
    excel: "#NUM!",
    note: "period beyond the life: Excel #NUM!; LibreOffice evaluates the formula (0)",
  },
  { input: syd("30000", "7500", "10", "2.5"), excel: "a number", note: "fractional period: SYD's formula" },
  { input: syd("30000", "7500", "9.5", "3"), excel: "a number", note: "fractional life: SYD's formula" },
  {
    input: syd("7500", "30000", "10", "1"),
    excel: "a number",
    note: "salvage above cost: MS lists no check; SYD's formula gives a negative amount",
  },
  { input: syd("30000", "-100", "10", "1"), excel: "a number", note: "negative salvage: SYD's formula" },
  { input: syd("-30000", "0", "10", "1"), excel: "a number", note: "negative cost: SYD's formula" },

  { input: ddb("2400", "300", "0", "1"), excel: "#NUM!", note: "life 0: ECMA life <= 0 is #NUM!" },
  { input: ddb("2400", "300", "-10", "1"), excel: "#NUM!", note: "negative life: ECMA life <= 0 is #NUM!" },
  { input: ddb("2400", "300", "10", "0"), excel: "#NUM!", note: "period 0: ECMA period <= 0 is #NUM!" },
  {
    input: ddb("2400", "300", "10", "0.5"),
    excel: "#NUM!",
    note: "period below 1: LibreOffice Err:502; reports of Excel truncating the period to 0 agree",
  },
  {
    input: ddb("2400", "300", "10", "11"),
    excel: "#NUM!",
    note: "period beyond the life: MS 'all five arguments must be positive' and the period counts within the life; LibreOffice Err:502",
  },
  {
    input: ddb("2400", "300", "10", "2.5"),
    excel: "a number",
    note: "fractional period: MS silent; LibreOffice's closed form, which the engine follows",
  },
  {
    input: ddb("2400", "300", "5", "1", "10"),
    excel: "a number",
    note: "factor/life of 100% or more: everything above salvage in the first period, 2100",
  },
  { input: ddb("2400", "300", "5", "2", "10"), excel: "a number", note: "and nothing after it, 0" },
  { input: ddb("2400", "300", "9.5", "3"), excel: "a number", note: "fractional life: DDB's formula" },
  { input: ddb("2400", "300", "10", "2", "0"), excel: "#NUM!", note: "factor 0: ECMA factor <= 0 is #NUM!" },
  {
    input: ddb("2400", "300", "10", "2", "-1"),
    excel: "#NUM!",
    note: "negative factor: ECMA factor <= 0 is #NUM!",
  },
  { input: ddb("2400", "3000", "10", "2"), excel: "#NUM!", note: SILENT_ON_SALVAGE_ABOVE_COST },
  { input: ddb("-2400", "0", "10", "2"), excel: "#NUM!", note: "negative cost: ECMA cost < 0 is #NUM!" },
  {
    input: ddb("2400", "-1", "10", "2"),
    excel: "#NUM!",
    note: "negative salvage: ECMA salvage < 0 is #NUM!",
  },
  {
    input: ddb("0", "0", "10", "2"),
    excel: "a number",
    note: "cost 0: no check applies; nothing to depreciate, 0",
  },

  {
    input: db("1000", "100", "0", "1"),
    excel: "#NUM!",
    note: "life 0: LibreOffice Err:502; the rate's root 1/life has no value",
  },
  { input: db("1000", "100", "-6", "1"), excel: "#NUM!", note: "negative life: ECMA life < 0 is #NUM!" },
  {
    input: db("1000", "100", "6", "0"),
    excel: "#NUM!",
    note: "period 0: LibreOffice Err:502; DAX's DB needs 1 <= period",
  },
  {
    input: db("1000000", "100000", "6", "7"),
    excel: "#NUM!",
    note: "period life + 1 with a full first year: Excel #NUM! (DAX's DB: period between 1 and life); LibreOffice 0",
  },
  {
    input: db("1000", "100", "6", "8", "7"),
    excel: "#NUM!",
    note: "period beyond life + 1: MS's example ends at life + 1; LibreOffice Err:502",
  },
  {
    input: db("1000", "100", "6", "2", "0"),
    excel: "#NUM!",
    note: "month 0: the first year has 1 to 12 months; LibreOffice Err:502",
  },
  {
    input: db("1000", "100", "6", "2", "13"),
    excel: "#NUM!",
    note: "month 13: the first year has 1 to 12 months; LibreOffice Err:502",
  },
  { input: db("1000", "100", "6", "7", "6.9"), excel: "a number", note: "fractional month: truncated to 6" },
  { input: db("1000", "100", "6", "2.5"), excel: "a number", note: "fractional period: truncated to 2" },
  {
    input: db("1000", "100", "5.5", "3"),
    excel: "a number",
    note: "fractional life: DB's rate with the life as given",
  },
  { input: db("1000", "1100", "6", "2"), excel: "#NUM!", note: SILENT_ON_SALVAGE_ABOVE_COST },
  {
    input: db("1000", "1000", "6", "2"),
    excel: "a number",
    note: "salvage equal to cost: rate 0, nothing to depreciate",
  },
  {
    input: db("0", "0", "6", "2"),
    excel: "#NUM!",
    note: "cost 0: the rate divides salvage by cost; LibreOffice Err:502",
  },
  { input: db("-1000", "100", "6", "2"), excel: "#NUM!", note: "negative cost: ECMA cost < 0 is #NUM!" },
  {
    input: db("1000", "-100", "6", "2"),
    excel: "#NUM!",
    note: "negative salvage: ECMA salvage < 0 is #NUM!",
  },

  {
    input: vdb("2400", "300", "0", "0", "1"),
    excel: "#NUM!",
    note: "life 0: MS all numbers but no_switch positive; LibreOffice Err:502",
  },
  {
    input: vdb("2400", "300", "-10", "0", "1"),
    excel: "#NUM!",
    note: "negative life: MS all numbers but no_switch positive",
  },
  {
    input: vdb("2400", "300", "10", "-1", "2"),
    excel: "#NUM!",
    note: "negative start: MS all numbers but no_switch positive",
  },
  { input: vdb("2400", "300", "10", "3", "2"), excel: "#NUM!", note: "start after end: LibreOffice Err:502" },
  {
    input: vdb("2400", "300", "10", "3", "11"),
    excel: "#NUM!",
    note: "end beyond the life: LibreOffice Err:502",
  },
  {
    input: vdb("2400", "300", "10", "3", "3"),
    excel: "a number",
    note: "start equal to end: nothing depreciated, 0",
  },
  {
    input: vdb("2400", "300", "10", "0", "2", "0"),
    excel: "#NUM!",
    note: "factor 0: MS factor must be positive",
  },
  {
    input: vdb("2400", "300", "10", "0", "2", "-1"),
    excel: "#NUM!",
    note: "negative factor: MS factor must be positive",
  },
  { input: vdb("2400", "3000", "10", "0", "2"), excel: "#NUM!", note: SILENT_ON_SALVAGE_ABOVE_COST },
  {
    input: vdb("-2400", "0", "10", "0", "2"),
    excel: "#NUM!",
    note: "negative cost: MS all numbers but no_switch positive",
  },
  {
    input: vdb("2400", "-1", "10", "0", "2"),
    excel: "#NUM!",
    note: "negative salvage: MS all numbers but no_switch positive (salvage can be 0), as DDB which VDB builds on; LibreOffice computes a value",
    libreOfficeDiffers: true,
  },
  {
    input: vdb("2400", "300", "10", "4.75", "9.75"),
    excel: "a number",
    note: "fractional periods: pro rata within a period",
  },
  {
    input: {
      fn: "VDB",
      cost: "2400",
      salvage: "300",
      life: "10",
      start: "4.75",
      end: "9.75",
      noSwitch: true,
    },
    excel: "a number",
    note: "no_switch TRUE where no switch would happen: the same amount",
  },
  {
    input: vdb("2400", "0", "10", "5", "10"),
    excel: "a number",
    note: "to a salvage of 0: switches to straight line",
  },
  {
    input: { fn: "VDB", cost: "2400", salvage: "0", life: "10", start: "5", end: "10", noSwitch: true },
    excel: "a number",
    note: "no_switch TRUE: declining balance to the end, less than the straight-line switch gives",
  },
  {
    input: vdb("2400", "300", "5.5", "4", "5.5"),
    excel: "a number",
    note: "fractional life: the last half period pro rata",
  },
  {
    input: vdb("2400", "0", "10", "0", "10"),
    excel: "a number",
    note: "the whole life: cost less salvage, 2400",
  },
];
