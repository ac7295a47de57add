import { type ExcelValue, isBlank } from "./arguments";

/**
 * Arguments taken as plain numbers for the formulas that compute in doubles first: only when
 * every cell is a finite number (or a blank, where the argument counts blanks as 0). Anything
 * else gives undefined and the formula reads the argument by its spec, which names the problem.
 */

/** A range's cells in reading order, blanks as 0 when `blanksAsZero`. */
export function plainNumbers(value: ExcelValue, blanksAsZero: boolean): number[] | undefined {
  const rows = Array.isArray(value) ? value : [[value]];
  const numbers: number[] = [];
  for (const row of rows) {
    const cells = Array.isArray(row) ? row : [row];
    for (const cell of cells) {
      if (typeof cell === "number" && Number.isFinite(cell)) numbers.push(cell);
      else if (blanksAsZero && isBlank(cell)) numbers.push(0);
      else return undefined;
    }
  }
  return numbers;
}

/** One number, or `fallback` for a blank; undefined for anything else, or a blank without a default. */
export function plainNumber(value: ExcelValue, fallback?: number): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return isBlank(value) ? fallback : undefined;
}
