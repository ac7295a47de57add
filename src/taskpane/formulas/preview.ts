import type { FormulaSpec } from "../../contract/formulas";
import { CellQuery } from "../../contract/query";
import { isReference } from "./formula-text";

const FIGURES = new Set<CellQuery["kind"]>(["cost", "allocated", "driver", "rate"]);

/**
 * The query a cost-model figure formula would ask with these argument texts, for its preview; none
 * when an argument is a cell reference (its value is in the workbook) or the query is not complete.
 */
export function previewQuery(entry: FormulaSpec, texts: readonly string[]): CellQuery | undefined {
  if (entry.query === undefined || !FIGURES.has(entry.query)) return undefined;
  const fields: Record<string, string> = {};
  for (const [i, argument] of entry.arguments.entries()) {
    const text = texts[i]?.trim() ?? "";
    if (text === "") continue;
    if (isReference(text)) return undefined;
    fields[argument.name] = text;
  }
  const parsed = CellQuery.safeParse({ kind: entry.query, ...fields });
  return parsed.success ? parsed.data : undefined;
}

/** A decimal string with thousands separators, digit for digit ("-14108.73" → "-14,108.73"). */
export function groupedDecimal(text: string): string {
  const [whole, fraction] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
