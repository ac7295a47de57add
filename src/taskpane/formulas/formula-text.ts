import type { ArgumentSpec, FormulaSpec } from "../../contract/formulas";
import { periodProblem } from "./periods";

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/;
const CELL = "\\$?[A-Za-z]{1,3}\\$?\\d{1,7}";
const REFERENCE = new RegExp(`^((?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?${CELL}(:${CELL})?$`);

export function isNumberText(text: string): boolean {
  return NUMBER.test(text.trim());
}

export function isReference(text: string): boolean {
  return REFERENCE.test(text.trim());
}

/** Text as an Excel string literal: "say ""hi""". */
export function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function sheetPart(reference: string): string | undefined {
  const bang = reference.lastIndexOf("!");
  if (bang < 0) return undefined;
  return reference
    .slice(0, bang)
    .replace(/^'(.*)'$/, "$1")
    .replace(/''/g, "'");
}

/** A reference as written in a formula on `currentSheet`: references to that sheet need no sheet name. */
function localReference(reference: string, currentSheet: string | undefined): string {
  const sheet = sheetPart(reference);
  const sameSheet =
    sheet !== undefined && currentSheet !== undefined && sheet.toLowerCase() === currentSheet.toLowerCase();
  return sameSheet ? reference.slice(reference.lastIndexOf("!") + 1) : reference;
}

/** What to put in a required argument left blank, in the words of its field. */
function requiredProblem(argument: ArgumentSpec, year: number): string {
  switch (argument.kind) {
    case "range":
      return "Required: select the cells and press “Use selection”, or type a number";
    case "number":
    case "integer":
      return "Required: type a number, a percentage or a cell address";
    case "choice":
      return `Required: choose ${argument.choices.join(", ")}`;
    case "period":
      return `Required: type or pick a period, e.g. ${year}-03 or FY${year}`;
    case "member":
      return `Required: type or pick a ${argument.name}${argument.example?.startsWith('"') ? `, e.g. ${argument.example}` : ""}`;
    default:
      return "Required";
  }
}

/**
 * Why an argument's text cannot go into the formula, or undefined when it can; examples of periods
 * are given in `year` (the bound model's first year, when known).
 */
export function argumentProblem(
  argument: ArgumentSpec,
  text: string,
  year = new Date().getFullYear(),
): string | undefined {
  const value = text.trim();
  if (value === "") return argument.optional ? undefined : requiredProblem(argument, year);
  switch (argument.kind) {
    case "period":
      // A cell holding a date or a period text is read by the formula itself.
      return isReference(value) ? undefined : periodProblem(value, year);
    case "range":
      return isReference(value) || isNumberText(value)
        ? undefined
        : "Select cells and use the selection, or type a number";
    case "number":
    case "integer":
      return isReference(value) || isNumberText(value)
        ? undefined
        : "Type a number, a percentage or a cell address";
    case "choice":
      return argument.choices.includes(value) ? undefined : `One of ${argument.choices.join(", ")}`;
    default:
      return undefined;
  }
}

/** Arguments whose text may be a reference or a number, written as it is; the others are quoted. */
const TAKES_CELLS: ReadonlySet<ArgumentSpec["kind"]> = new Set(["range", "number", "integer"]);

function argumentText(argument: ArgumentSpec, text: string, currentSheet: string | undefined): string {
  const value = text.trim();
  if (value === "") return "";
  const cells = TAKES_CELLS.has(argument.kind);
  if (cells && isReference(value)) return localReference(value, currentSheet);
  if (cells && isNumberText(value)) return value;
  return quoted(value);
}

/**
 * The formula for `entry` with the given argument texts (blank = left out), as it goes into a cell
 * on `currentSheet`: `=ITFM.COST("Compute", "2026-03")`. Trailing blanks are dropped.
 */
export function formulaText(entry: FormulaSpec, texts: readonly string[], currentSheet?: string): string {
  const parts = entry.arguments.map((argument, i) => argumentText(argument, texts[i] ?? "", currentSheet));
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return `=ITFM.${entry.name}(${parts.join(", ")})`;
}
