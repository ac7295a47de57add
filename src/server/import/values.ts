import { Decimal } from "../../engine/decimal";
import { type Cell, isBlankCell, isCellError } from "./sheet";

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(reason: string): Read<T> => ({ ok: false, reason });

const PLAIN_NUMBER = /^(\d+(\.\d*)?|\.\d+)$/;
const GROUPED_NUMBER = /^\d{1,3}(,\d{3})+(\.\d*)?$/;
const SCIENTIFIC_NUMBER = /^(\d+(\.\d*)?|\.\d+)e[+-]?\d+$/i;
const DECIMAL_COMMA = /^\d+,\d{1,2}$/;
const CURRENCY_SIGN = /[$€£¥₹]|^[A-Z]{3}\s|\s[A-Z]{3}$/;
const MAX_DECIMALS = 12;
const MAX_INTEGER_DIGITS = 20;

export interface NumberOptions {
  /** Machine-written files (FOCUS) may use scientific notation; in a sheet export it usually means lost digits. */
  readonly scientific: boolean;
}

function notANumber(text: string, options: NumberOptions): string {
  if (CURRENCY_SIGN.test(text)) return `"${text}" is not a plain number: remove the currency sign`;
  if (DECIMAL_COMMA.test(text)) return `"${text}" is not a number: use a point as the decimal separator`;
  if (!options.scientific && SCIENTIFIC_NUMBER.test(text.replace(/^[-+]/, ""))) {
    return `"${text}" is in scientific notation, which may have lost digits: format the column as a number showing all its digits`;
  }
  return `"${text}" is not a number`;
}

/** "(5)" is -5 in accounting notation; otherwise an optional leading sign. */
function splitSign(text: string): { negative: boolean; body: string } {
  const accounting = /^\((.*)\)$/.exec(text);
  if (accounting) return { negative: true, body: accounting[1].trim() };
  if (text.startsWith("-") || text.startsWith("+")) {
    return { negative: text.startsWith("-"), body: text.slice(1).trim() };
  }
  return { negative: false, body: text };
}

/** A number read from text, with the number of decimals it was written with ("1.50" keeps two). */
interface WrittenNumber {
  value: Decimal;
  decimals: number;
}

function readNumberText(text: string, options: NumberOptions): Read<WrittenNumber> {
  const { negative, body } = splitSign(text);
  let digits: string;
  if (PLAIN_NUMBER.test(body)) digits = body;
  else if (GROUPED_NUMBER.test(body)) digits = body.replace(/,/g, "");
  else if (options.scientific && SCIENTIFIC_NUMBER.test(body)) digits = body;
  else return fail(notANumber(text, options));
  const value = new Decimal(digits);
  const decimals = SCIENTIFIC_NUMBER.test(digits) ? 0 : (digits.split(".")[1] ?? "").length;
  return ok({ value: negative ? value.negated() : value, decimals });
}

/**
 * The exact decimal as the contract writes it: plain notation, at most 12 decimals, keeping the
 * trailing zeros the file wrote ("1200.50" stays "1200.50").
 */
function toDecimalString({ value, decimals }: WrittenNumber, shown: string): Read<string> {
  if (value.decimalPlaces() > MAX_DECIMALS) {
    return fail(`${shown} has more than ${MAX_DECIMALS} decimal places; round it in the file`);
  }
  if (value.abs().gte(new Decimal(10).pow(MAX_INTEGER_DIGITS))) {
    return fail(`${shown} is too large (more than ${MAX_INTEGER_DIGITS} digits before the decimal point)`);
  }
  const places = Math.max(value.decimalPlaces(), Math.min(decimals, MAX_DECIMALS));
  return ok((value.isZero() ? value.abs() : value).toFixed(places));
}

function cellProblem(cell: Cell, expected: string): string | null {
  if (isCellError(cell)) return `the cell shows the error ${cell.error}`;
  if (cell instanceof Date) return `the cell holds a date where ${expected} is expected`;
  if (typeof cell === "boolean")
    return `the cell holds ${cell ? "TRUE" : "FALSE"} where ${expected} is expected`;
  return null;
}

/**
 * An exact decimal from a cell; undefined when the cell is empty. Text may use thousands separators
 * ("1,234.56") and accounting parentheses for negatives ("(1,234.56)"); a spreadsheet number is read
 * through its shortest round-trip text, so 0.1 stays 0.1.
 */
export function readDecimal(cell: Cell, options: NumberOptions): Read<string | undefined> {
  if (isBlankCell(cell)) return ok(undefined);
  const problem = cellProblem(cell, "a number");
  if (problem) return fail(problem);
  if (typeof cell === "number")
    return toDecimalString({ value: new Decimal(String(cell)), decimals: 0 }, String(cell));
  const text = String(cell).trim();
  const number = readNumberText(text, options);
  return number.ok ? toDecimalString(number.value, `"${text}"`) : number;
}

const MONTH = /^(\d{4})-(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function month(year: number, monthNumber: number): string {
  return `${String(year).padStart(4, "0")}-${String(monthNumber).padStart(2, "0")}`;
}

function daysIn(year: number, monthNumber: number): number {
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
}

/**
 * The month (YYYY-MM) of a cell: a month "2027-03", a date "2027-03-15" (a time may follow; the month
 * is the one written, without time-zone conversion) or a spreadsheet date cell. Undefined when empty.
 */
export function readMonth(cell: Cell): Read<string | undefined> {
  if (isBlankCell(cell)) return ok(undefined);
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return fail("the cell holds a date that is not valid");
    return ok(month(cell.getUTCFullYear(), cell.getUTCMonth() + 1));
  }
  const expected = "a month such as 2027-03";
  if (typeof cell === "number") {
    return fail(`the cell holds the number ${cell} where ${expected} is expected; format the cell as a date`);
  }
  const problem = cellProblem(cell, expected);
  if (problem) return fail(problem);
  const text = String(cell).trim();
  const asMonth = MONTH.exec(text);
  const asDate = asMonth ? null : DATE.exec(text);
  const parts = asMonth ?? asDate;
  const notAMonth = `"${text}" is not a month: write it as YYYY-MM (2027-03) or as a date (2027-03-15)`;
  if (!parts) return fail(notAMonth);
  const year = Number(parts[1]);
  const monthNumber = Number(parts[2]);
  if (monthNumber < 1 || monthNumber > 12) return fail(notAMonth);
  if (asDate) {
    const day = Number(asDate[3]);
    if (day < 1 || day > daysIn(year, monthNumber)) return fail(`"${text}" is not a date in the calendar`);
  }
  return ok(month(year, monthNumber));
}

/** Text of a cell, trimmed; undefined when empty. A spreadsheet number is read as its shortest text. */
export function readText(cell: Cell): Read<string | undefined> {
  if (isBlankCell(cell)) return ok(undefined);
  const problem = cellProblem(cell, "text");
  if (problem) return fail(problem);
  return ok(String(cell).trim());
}
