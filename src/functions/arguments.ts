import { monthText } from "../contract/period";
import { Decimal } from "../engine/decimal";
import { CalcError } from "../engine/errors";

/**
 * Excel hands a custom function numbers, strings, booleans, null or "" for blanks, undefined for
 * omitted optionals, nested arrays for ranges, and error objects for error cells. These readers turn
 * those into validated engine inputs, or fail with a CalcError that names the argument and the cell.
 */
export type ExcelValue = unknown;

/** What to do with a blank cell inside a range. */
export type BlankRule = "zero" | "skip-trailing" | "refuse";

export function isBlank(value: ExcelValue): boolean {
  return value === null || value === undefined || value === "";
}

/** An error value from an error cell propagates as itself, as it does through Excel's own functions. */
function isExcelErrorValue(value: ExcelValue): value is CustomFunctions.Error {
  return typeof CustomFunctions !== "undefined" && value instanceof CustomFunctions.Error;
}

function describe(value: ExcelValue): string {
  if (typeof value === "string") return `text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === "boolean") return `${value ? "TRUE" : "FALSE"} (a logical value)`;
  return `a ${typeof value} value`;
}

function toDecimal(value: ExcelValue, where: string): Decimal {
  if (isExcelErrorValue(value)) throw value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new CalcError("num", `${where} is not a finite number`);
    // Shortest round-trip text: 0.1 stays 0.1 instead of 0.1000000000000000055…
    return new Decimal(String(value));
  }
  throw new CalcError("value", `${where} is ${describe(value)}, not a number`);
}

function asMatrix(value: ExcelValue): ExcelValue[][] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    return value.map((row) => (Array.isArray(row) ? row : [row]));
  }
  return [[value]];
}

/** A range of numbers, same shape as given; blanks count as 0. */
export function readNumberMatrix(name: string, value: ExcelValue): Decimal[][] {
  const rows = asMatrix(value);
  return rows.map((row, r) =>
    row.map((cell, c) =>
      isBlank(cell) ? new Decimal(0) : toDecimal(cell, `${name}: row ${r + 1}, column ${c + 1}`),
    ),
  );
}

/** Left out, blank, or a single blank cell. */
export function isBlankArgument(value: ExcelValue): boolean {
  const rows = asMatrix(value);
  return rows.length === 0 || (rows.length === 1 && rows[0].length === 1 && isBlank(rows[0][0]));
}

/**
 * A range read as one list (row by row). With "skip-trailing", blanks after the last value are
 * left out (months not reported yet) and blanks between values count as 0; with "refuse", a blank
 * cell is an error that names it.
 */
export function readNumberList(name: string, value: ExcelValue, blanks: BlankRule = "zero"): Decimal[] {
  const cells: { cell: ExcelValue; where: string }[] = [];
  asMatrix(value).forEach((row, r) =>
    row.forEach((cell, c) => cells.push({ cell, where: `${name}: row ${r + 1}, column ${c + 1}` })),
  );
  let end = cells.length;
  if (blanks === "skip-trailing") while (end > 0 && isBlank(cells[end - 1].cell)) end--;
  return cells.slice(0, end).map(({ cell, where }) => {
    if (!isBlank(cell)) return toDecimal(cell, where);
    if (blanks === "refuse") {
      throw new CalcError("value", `${where} is blank; fill in every cell of ${name}, or leave ${name} out`);
    }
    return new Decimal(0);
  });
}

/** The shape of a range as rows × columns. */
export function shapeOf(value: ExcelValue): { rows: number; columns: number } {
  const rows = asMatrix(value);
  return { rows: rows.length, columns: rows.reduce((max, row) => Math.max(max, row.length), 0) };
}

/** A single number; a 1×1 range counts as its cell. Blank or omitted gives the fallback, or an error. */
export function readNumber(name: string, value: ExcelValue, fallback?: Decimal): Decimal {
  const cell =
    Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && value[0].length === 1
      ? value[0][0]
      : value;
  if (Array.isArray(cell)) throw new CalcError("value", `${name}: expected a single number, got a range`);
  if (isBlank(cell)) {
    if (fallback !== undefined) return fallback;
    throw new CalcError("value", `${name}: a number is required`);
  }
  return toDecimal(cell, name);
}

/** A whole number within limits; fractions are truncated as Excel does for counts and digits. */
export function readInteger(
  name: string,
  value: ExcelValue,
  limits: { min: number; max: number; fallback?: number },
): number {
  const fallback = limits.fallback === undefined ? undefined : new Decimal(limits.fallback);
  const number = readNumber(name, value, fallback).trunc();
  if (number.lt(limits.min) || number.gt(limits.max)) {
    throw new CalcError(
      "num",
      `${name}: must be a whole number from ${limits.min} to ${limits.max} (got ${number})`,
    );
  }
  return number.toNumber();
}

/** One word from a fixed list, case-insensitive; blank or omitted gives the fallback. */
export function readChoice<T extends string>(
  name: string,
  value: ExcelValue,
  choices: readonly T[],
  fallback: T,
): T {
  if (isBlank(value)) return fallback;
  if (isExcelErrorValue(value)) throw value;
  const word = typeof value === "string" ? value.trim().toLowerCase() : "";
  const found = choices.find((choice) => choice === word);
  if (found === undefined) {
    throw new CalcError("value", `${name}: must be one of ${choices.join(", ")} (got ${describe(value)})`);
  }
  return found;
}

/** One word from a fixed list that has no default: blank is an error that lists the words. */
export function requireChoice<T extends string>(name: string, value: ExcelValue, choices: readonly T[]): T {
  if (isBlank(value)) throw new CalcError("value", `${name}: required, one of ${choices.join(", ")}`);
  return readChoice(name, typeof value === "string" ? value.trim() : value, choices, choices[0]);
}

/** A member, scenario or version name: text, or a number such as an account code 6100. */
export function readName(name: string, value: ExcelValue): string | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new CalcError(
    "value",
    `${name}: expected a name as text, got ${typeof value === "boolean" ? String(value).toUpperCase() : "a value that is not text"}`,
  );
}

export function requireName(name: string, value: ExcelValue, example: string): string {
  const text = readName(name, value);
  if (text === undefined) throw new CalcError("value", `${name}: required, e.g. ${example}`);
  return text;
}

/** Excel's day 0 is 1899-12-30 once its phantom 1900-02-29 (serial 60) is behind. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Below this a whole number is a year (2027); from it on, a date (serial 10000 = 1927-05-18). */
const FIRST_DATE_SERIAL = 10_000;

/**
 * A period's text: as typed ("2027-03", "2027-Q1", "FY2027"), a year number, or a date cell's
 * month. Whether the text names a period is the contract's rule (QueryPeriod), checked with the query.
 */
export function readPeriodText(name: string, value: ExcelValue, example: string): string {
  if (typeof value === "number" && Number.isFinite(value) && value >= FIRST_DATE_SERIAL) {
    // A date-time (=NOW()) is a serial with a fraction of a day: its date decides the month.
    const date = new Date(EXCEL_EPOCH_MS + Math.floor(value) * DAY_MS);
    return monthText(date.getUTCFullYear(), date.getUTCMonth() + 1);
  }
  return requireName(name, value, example);
}

/** Engine result to an Excel number, once, at the end. */
export function toExcelNumber(value: Decimal): number {
  const number = value.toNumber();
  if (!Number.isFinite(number)) throw new CalcError("num", "the result is too large for Excel");
  return number === 0 ? 0 : number;
}

export function toExcelMatrix(values: readonly (readonly Decimal[])[]): number[][] {
  return values.map((row) => row.map(toExcelNumber));
}
