import { CsvError, parse } from "csv-parse/sync";
import { type Sheet, type SheetRow, isBlankCell, toSheet } from "./sheet";
import type { RowError } from "./types";

const NEWLINE = 0x0a;

/** Tracks line numbers while the reader moves forward through the file: one pass in total. */
class LineCounter {
  private position = 0;
  private line = 1;
  constructor(private readonly content: Buffer) {}

  /** The line number of the byte at `offset`; offsets must not decrease between calls. */
  lineAt(offset: number): number {
    for (; this.position < offset; this.position++) {
      if (this.content[this.position] === NEWLINE) this.line++;
    }
    return this.line;
  }

  /** The offset where line `line` starts (or the end of the file); lines must not decrease between calls. */
  startOfLine(line: number): number {
    for (; this.line < line && this.position < this.content.length; this.position++) {
      if (this.content[this.position] === NEWLINE) this.line++;
    }
    return this.position;
  }
}

function describe(error: CsvError): string {
  switch (error.code) {
    case "CSV_INVALID_CLOSING_QUOTE":
      return (
        "a quoted value is followed by other characters before the next comma; " +
        'a quote inside a quoted value must be doubled ("")'
      );
    case "INVALID_OPENING_QUOTE":
      return "a quote appears inside a value that does not start with a quote; put the whole value in quotes and double the quote inside it";
    case "CSV_QUOTE_NOT_CLOSED":
      return "a quoted value that starts on this row is never closed, so the rest of the file cannot be read";
    default:
      return `this row cannot be read as CSV: ${error.message}`;
  }
}

/** A row with fewer or more values than the header has columns would put values under the wrong names. */
function withMatchingWidths(sheet: Sheet): Sheet {
  const width = sheet.header.length;
  const errors = [...sheet.errors];
  const rows = sheet.rows.filter((r) => {
    const count = r.cells.length;
    if (count < width) {
      errors.push({
        row: r.row,
        column: "",
        reason: `the row has ${count} values, but the header has ${width} columns`,
      });
      return false;
    }
    if (r.cells.slice(width).some((c) => !isBlankCell(c))) {
      errors.push({
        row: r.row,
        column: "",
        reason: `the row has ${count} values, but the header has ${width} columns; a value that holds a comma must be in quotes`,
      });
      return false;
    }
    return true;
  });
  return { ...sheet, rows, errors };
}

/**
 * Reads a CSV file (comma-separated, UTF-8, optional byte order mark). A row that cannot be read is
 * reported and reading resumes on the next line, so one broken row does not hide the others.
 */
export function readCsv(content: Buffer): Sheet {
  const rows: SheetRow[] = [];
  const errors: RowError[] = [];
  const lines = new LineCounter(content);
  let start = 0;
  while (start < content.length) {
    const chunkStart = start;
    const firstLine = lines.lineAt(chunkStart);
    let recordStart = chunkStart;
    try {
      parse(content.subarray(chunkStart), {
        bom: chunkStart === 0,
        relax_column_count: true,
        on_record: (record: string[], context) => {
          rows.push({ row: lines.lineAt(recordStart), cells: record });
          recordStart = chunkStart + context.bytes;
          return null;
        },
      });
      break;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      errors.push({ row: lines.lineAt(recordStart), column: "", reason: describe(error) });
      if (error.code === "CSV_QUOTE_NOT_CLOSED") break;
      // error.lines counts from the start of this chunk; go on with the line after the broken one
      start = lines.startOfLine(firstLine + Number(error.lines));
    }
  }
  return withMatchingWidths(toSheet(rows, errors));
}
