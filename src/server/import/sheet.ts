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

export function isCellError(cell: Cell): cell is CellError {
  return typeof cell === "object" && cell !== null && !(cell instanceof Date);
}

export function isBlankCell(cell: Cell): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}

/** What a reader yields, in file order: the rows it read (the header among them) and those it could not. */
export type SheetItem = { row: SheetRow; error?: undefined } | { error: RowError; row?: undefined };

/** How much of its file a reader has read, from 0 to 1 (updated as it goes). */
export interface ReadProgress {
  fraction: number;
}

/** A file's header: the first row that is not blank. */
export interface SheetHeader {
  readonly header: readonly string[];
  readonly headerRow: number;
}

/**
 * A file read as it goes: first its header (the first row that is not blank), then its data rows,
 * blank rows left out. A row that cannot be read above the header makes the header itself unreadable:
 * then no column can be trusted and the file yields no rows.
 */
export class SheetStream {
  /** Rows the reader could not read, and why the file as a whole cannot be read. */
  readonly errors: RowError[] = [];
  private dataRows = 0;

  private constructor(
    private readonly items: AsyncIterator<SheetItem>,
    readonly head: SheetHeader | undefined,
  ) {}

  static async open(items: AsyncIterable<SheetItem>): Promise<SheetStream> {
    const iterator = items[Symbol.asyncIterator]();
    const errors: RowError[] = [];
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const item = next.value;
      if (item.error !== undefined) {
        errors.push(item.error);
        continue;
      }
      if (item.row.cells.every(isBlankCell)) continue;
      if (errors.some((e) => e.row > 0)) break;
      const header = item.row.cells.map((c) => (c === null ? "" : String(c).trim()));
      const stream = new SheetStream(iterator, { header, headerRow: item.row.row });
      stream.errors.push(...errors);
      return stream;
    }
    const stream = new SheetStream(iterator, undefined);
    if (errors.length === 0)
      errors.push({ row: 0, column: "", reason: "the file is empty: it needs a header row" });
    stream.errors.push(...errors);
    return stream;
  }

  /**
   * The data rows; each error on the way goes to `onError` as it comes. With `matchWidths` (CSV, whose
   * rows are lists of values) a row with fewer or more values than the header has columns is an error:
   * its values would land under the wrong names.
   */
  async *rows(
    onError: (error: RowError) => void,
    options: { matchWidths: boolean },
  ): AsyncGenerator<SheetRow> {
    if (this.head === undefined) return;
    const width = this.head.header.length;
    let failed = this.errors.length > 0;
    const fail = (error: RowError) => {
      failed = true;
      onError(error);
    };
    for (;;) {
      const next = await this.items.next();
      if (next.done) break;
      const item = next.value;
      if (item.error !== undefined) {
        fail(item.error);
        continue;
      }
      const { row, cells } = item.row;
      if (cells.every(isBlankCell)) continue;
      this.dataRows++;
      if (options.matchWidths && cells.length < width) {
        fail({
          row,
          column: "",
          reason: `the row has ${cells.length} values, but the header has ${width} columns`,
        });
      } else if (options.matchWidths && cells.slice(width).some((c) => !isBlankCell(c))) {
        fail({
          row,
          column: "",
          reason: `the row has ${cells.length} values, but the header has ${width} columns; a value that holds a comma must be in quotes`,
        });
      } else yield item.row;
    }
    if (this.dataRows === 0 && !failed)
      fail({ row: 0, column: "", reason: "the file has a header row but no data rows" });
  }
}
