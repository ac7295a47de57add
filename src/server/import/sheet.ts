import type { RowError } from "./types";

/** A spreadsheet error value in a cell, such as #N/A or #DIV/0!. */
export interface CellError {
  readonly error: string;
}

/** One cell as read: CSV cells are always text; XLSX cells keep their type. null = empty. */
export type Cell = string | number | boolean | Date | CellError | null;

export interface SheetRow {
  /** The row as the user sees it (see RowError). */
  readonly row: number;
  readonly cells: readonly Cell[];
}

/** A file read as a header and data rows; blank rows are left out. */
export interface Sheet {
  readonly header: readonly string[];
  readonly headerRow: number;
  readonly rows: readonly SheetRow[];
  /** Rows the reader could not read (broken quoting, a wrong number of values), or why the file is unreadable. */
  readonly errors: readonly RowError[];
}

export function isCellError(cell: Cell): cell is CellError {
  return typeof cell === "object" && cell !== null && !(cell instanceof Date);
}

export function isBlankCell(cell: Cell): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}

/** Splits raw rows into the header (the first non-blank row) and the non-blank data rows. */
export function toSheet(rows: readonly SheetRow[], errors: RowError[]): Sheet {
  const filled = rows.filter((r) => !r.cells.every(isBlankCell));
  const [first, ...data] = filled;
  if (!first) {
    if (errors.length === 0)
      errors.push({ row: 0, column: "", reason: "the file is empty: it needs a header row" });
    return { header: [], headerRow: 1, rows: [], errors };
  }
  // a broken row above the first readable one is the header itself: no column can be trusted
  if (errors.some((e) => e.row > 0 && e.row < first.row))
    return { header: [], headerRow: 1, rows: [], errors };
  if (data.length === 0 && errors.length === 0) {
    errors.push({ row: 0, column: "", reason: "the file has a header row but no data rows" });
  }
  const header = first.cells.map((c) => (c === null ? "" : String(c).trim()));
  return { header, headerRow: first.row, rows: data, errors };
}
