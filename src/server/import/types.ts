import type { CostLine, DriverQuantity, Member } from "../../contract/model";
import type { ImportFormat, ImportKind, ImportRowError } from "../../contract/imports";
import type { SheetRow } from "./sheet";

/**
 * One problem in an import file. `row` is the row as the user sees it: the line of a CSV file where the
 * record starts or the worksheet row of an XLSX file (the header is row 1); row 0 is the file as a whole
 * or an option of the request.
 */
export type RowError = ImportRowError;

export type { ImportFormat, ImportKind };
export type ImportEncoding = "utf-8" | "windows-1252";

/** How a file is read: the options of an import request. */
export interface ImportOptions {
  kind: ImportKind;
  format: ImportFormat;
  /** CSV only: the text's encoding (default UTF-8). */
  encoding?: ImportEncoding;
  /** Contract field -> column name in the file; fields left out are looked up under their own name. */
  mapping?: Record<string, string>;
  /** Scenario for rows that have none (no scenario column, or an empty cell); FOCUS files default to Actual. */
  scenario?: string;
  /** FOCUS only: book every billing row into this month (YYYY-MM) instead of the month of ChargePeriodStart. */
  bookToPeriod?: string;
}

export interface ImportRequest extends ImportOptions {
  content: Buffer;
}

/** Reads the rows of one kind from a file with a known header. */
export interface RowParser<T> {
  /** Problems with the columns or the options; with any, no row is read. */
  readonly setupErrors: readonly RowError[];
  /** Contract field -> the column of the file it is read from. */
  readonly columns: Readonly<Record<string, string>>;
  /** Set when the rows may name consumers the version lacks: they are added, with these attributes. */
  readonly addsConsumers?: { attributes: Record<string, string> };
  read(row: SheetRow): { value?: T; errors: RowError[] };
}

/** The place in the file a value came from, to name it in errors found after parsing. */
export interface SourceColumns {
  /** Contract field -> the column of the file it was read from; fields not listed were not read from the file. */
  readonly columns: Readonly<Record<string, string>>;
  /** For each cost line or driver quantity, in order, the file row it came from. */
  readonly rowNumbers: readonly number[];
}

export interface ParsedImport {
  costLines: CostLine[];
  driverQuantities: DriverQuantity[];
  /** Members the file introduces (FOCUS: the consumers named by the business_unit tag). */
  members: Member[];
  errors: RowError[];
  source: SourceColumns;
}
