import type { SaxesTagPlain } from "saxes";
import type { Cell, ReadProgress, SheetItem, SheetRow } from "./sheet";
import { dateStyles, firstWorksheet, localName, parseChunks, sharedStrings } from "./xlsx/parts";
import { UnpackLimitError, type UnpackLimits, ZipParts } from "./xlsx/zip";

/** A workbook may unpack to this much in all, and hold this much of shared strings in memory. */
export const XLSX_LIMITS: UnpackLimits = { totalBytes: 512 * 2 ** 20, heldPartBytes: 64 * 2 ** 20 };

const MS_PER_DAY = 86_400_000;
/** Day 0 of Excel's 1900 date system is 1899-12-30 (its phantom 1900-02-29 is behind serial 60). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** "AB12" -> 27 (the column's position, 0-based), or undefined. */
function columnOf(reference: string | undefined): number | undefined {
  const letters = reference === undefined ? null : /^([A-Z]+)\d*$/.exec(reference);
  if (letters === null) return undefined;
  let column = 0;
  for (const letter of letters[1]) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column - 1;
}

interface CellBeingRead {
  column: number;
  type: string;
  style: number;
  value: string;
  inline: string;
}

/** Reads a worksheet's rows as they unpack; each cell keeps its type (number, text, date, logical, error). */
class WorksheetRows {
  readonly ready: SheetRow[] = [];
  private cells: Cell[] = [];
  private rowNumber = 0;
  private cell: CellBeingRead | undefined;
  private collecting: "value" | "inline" | undefined;

  constructor(
    private readonly strings: readonly string[],
    private readonly dates: ReadonlySet<number>,
    private readonly epoch: number,
  ) {}

  open = (tag: SaxesTagPlain): void => {
    const name = localName(tag.name);
    if (name === "row") {
      this.rowNumber = Number(tag.attributes.r ?? this.rowNumber + 1);
      this.cells = [];
    } else if (name === "c") {
      const column = columnOf(tag.attributes.r) ?? this.cells.length;
      this.cell = {
        column,
        type: tag.attributes.t ?? "n",
        style: Number(tag.attributes.s ?? 0),
        value: "",
        inline: "",
      };
    } else if (this.cell !== undefined && !tag.isSelfClosing) {
      if (name === "v") this.collecting = "value";
      else if (name === "t") this.collecting = "inline";
    }
  };

  text = (text: string): void => {
    if (this.cell === undefined || this.collecting === undefined) return;
    this.cell[this.collecting] += text;
  };

  close = (tagName: string): void => {
    const name = localName(tagName);
    if (name === "v" || name === "t") this.collecting = undefined;
    else if (name === "c" && this.cell !== undefined) {
      this.cells[this.cell.column] = this.valueOf(this.cell);
      this.cell = undefined;
    } else if (name === "row") {
      this.ready.push({ row: this.rowNumber, cells: Array.from(this.cells, (c) => c ?? null) });
    }
  };

  private valueOf(cell: CellBeingRead): Cell {
    switch (cell.type) {
      case "s":
        return this.strings[Number(cell.value)] ?? null;
      case "inlineStr":
        return cell.inline;
      case "str":
        return cell.value;
      case "b":
        return cell.value === "1";
      case "e":
        return { error: cell.value };
      case "d":
        return cell.value === "" ? null : new Date(cell.value);
    }
    if (cell.value === "") return null;
    const number = Number(cell.value);
    if (!Number.isFinite(number)) return cell.value;
    return this.dates.has(cell.style) ? new Date(Math.round(this.epoch + number * MS_PER_DAY)) : number;
  }
}

const unreadable = (reason: string): SheetItem => ({ error: { row: 0, column: "", reason } });

/**
 * Reads the first worksheet of an XLSX workbook row by row as it unpacks, within XLSX_LIMITS: a small
 * file that would unpack into gigabytes is refused rather than read.
 */
export async function* xlsxItems(
  content: Buffer,
  progress: ReadProgress = { fraction: 0 },
  limits: UnpackLimits = XLSX_LIMITS,
): AsyncGenerator<SheetItem> {
  let zip: ZipParts;
  try {
    zip = await ZipParts.open(content, limits);
  } catch (error) {
    yield unreadable(
      error instanceof UnpackLimitError
        ? `${error.message}; save it as CSV UTF-8 and import that`
        : "the file is not a readable Excel workbook (.xlsx)",
    );
    return;
  }
  try {
    const sheet = await firstWorksheet(zip);
    if (sheet === undefined) {
      yield unreadable("the workbook has no worksheet");
      return;
    }
    const rows = new WorksheetRows(
      await sharedStrings(zip),
      await dateStyles(zip),
      sheet.date1904 ? EPOCH_1904 : EPOCH_1900,
    );
    // The parser completes rows as chunks arrive; they are handed on between chunks.
    for await (const fraction of parseChunks(zip, sheet.path, rows)) {
      progress.fraction = fraction;
      for (const row of rows.ready.splice(0)) yield { row };
    }
    for (const row of rows.ready.splice(0)) yield { row };
    progress.fraction = 1;
  } catch (error) {
    yield unreadable(
      error instanceof UnpackLimitError
        ? `${error.message}; save it as CSV UTF-8 and import that`
        : "the file is not a readable Excel workbook (.xlsx)",
    );
  } finally {
    zip.close();
  }
}
