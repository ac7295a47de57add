import type { FormulaArgument, FormulaEntry } from "./catalog";

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

/** Why an argument's text cannot go into the formula, or undefined when it can. */
export function argumentProblem(argument: FormulaArgument, text: string): string | undefined {
  const value = text.trim();
  if (value === "") return argument.optional ? undefined : "Required";
  switch (argument.input.kind) {
    case "range":
      return isReference(value) || isNumberText(value)
        ? undefined
        : "Select cells and use the selection, or type a number";
    case "number":
      return isReference(value) || isNumberText(value)
        ? undefined
        : "Type a number, a percentage or a cell address";
    case "choice":
      return argument.input.choices.includes(value)
        ? undefined
        : `One of ${argument.input.choices.join(", ")}`;
    default:
      return undefined;
  }
}

function argumentText(argument: FormulaArgument, text: string, currentSheet: string | undefined): string {
  const value = text.trim();
  if (value === "") return "";
  const kind = argument.input.kind;
  if ((kind === "range" || kind === "number") && isReference(value))
    return localReference(value, currentSheet);
  if ((kind === "range" || kind === "number") && isNumberText(value)) return value;
  return quoted(value);
}

/**
 * The formula for `entry` with the given argument texts (blank = left out), as it goes into a cell
 * on `currentSheet`: `=ITFM.COST("Compute", "2026-03")`. Trailing blanks are dropped.
 */
export function formulaText(entry: FormulaEntry, texts: readonly string[], currentSheet?: string): string {
  const parts = entry.arguments.map((argument, i) => argumentText(argument, texts[i] ?? "", currentSheet));
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return `=ITFM.${entry.name}(${parts.join(", ")})`;
}
