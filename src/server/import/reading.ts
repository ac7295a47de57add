import { setImmediate as pause } from "node:timers/promises";
import type { CostLine, DriverQuantity } from "../../contract/model";
import { csvItems } from "./csv";
import { focusParser } from "./focus";
import { type ReadProgress, type SheetItem, SheetStream } from "./sheet";
import { costLineParser, driverQuantityParser } from "./tabular";
import type { ImportKind, ImportOptions, RowError, RowParser } from "./types";
import { xlsxItems } from "./xlsx";

/** Rows read between two pauses that let other requests in. */
const PAUSE_ROWS = 200;

/** One fact read from a row of the file. */
export type ReadFact =
  | { row: number; costLine: CostLine; driverQuantity?: undefined }
  | { row: number; driverQuantity: DriverQuantity; costLine?: undefined };

const PARSERS: Record<
  ImportKind,
  (sheet: SheetStream["head"] & object, req: ImportOptions) => RowParser<unknown>
> = {
  cost_lines: costLineParser,
  driver_quantities: driverQuantityParser,
  focus: focusParser,
};

/**
 * An import file read as it goes: its header and what the kind's reader makes of its columns first
 * (`setupErrors`: with any, no row is read), then one fact per good row.
 */
export class ImportFile {
  private constructor(
    /** How much of the file has been read, from 0 to 1. */
    readonly progress: ReadProgress,
    private readonly sheet: SheetStream,
    private readonly parser: RowParser<unknown> | undefined,
    private readonly kind: ImportKind,
    private readonly matchWidths: boolean,
  ) {}

  static async open(content: Buffer, options: ImportOptions): Promise<ImportFile> {
    const progress: ReadProgress = { fraction: 0 };
    const items: AsyncIterable<SheetItem> =
      options.format === "xlsx"
        ? xlsxItems(content, progress)
        : csvItems(content, options.encoding, progress);
    const sheet = await SheetStream.open(items);
    const parser = sheet.head === undefined ? undefined : PARSERS[options.kind](sheet.head, options);
    return new ImportFile(progress, sheet, parser, options.kind, options.format === "csv");
  }

  /** What makes the whole file unreadable before any row: the header, the columns, the options. */
  get setupErrors(): readonly RowError[] {
    return [...this.sheet.errors, ...(this.parser?.setupErrors ?? [])];
  }

  get columns(): Readonly<Record<string, string>> {
    return this.parser?.columns ?? {};
  }

  get addsConsumers(): { attributes: Record<string, string> } | undefined {
    return this.parser?.addsConsumers;
  }

  /**
   * The good rows' facts; every problem on the way goes to `onError`, in file order. Every so many rows
   * it pauses for other requests, also when it finds nothing but problems.
   */
  async *facts(onError: (error: RowError) => void): AsyncGenerator<ReadFact> {
    if (this.parser === undefined || this.setupErrors.length > 0) return;
    let rows = 0;
    for await (const row of this.sheet.rows(onError, { matchWidths: this.matchWidths })) {
      if (++rows % PAUSE_ROWS === 0) await pause();
      const { value, errors } = this.parser.read(row);
      for (const error of errors) onError(error);
      if (value === undefined) continue;
      yield this.kind === "driver_quantities"
        ? { row: row.row, driverQuantity: value as DriverQuantity }
        : { row: row.row, costLine: value as CostLine };
    }
  }
}
