import type { CostLine, DriverQuantity, Member } from "../../contract/model";

/**
 * One problem in an import file. `row` is the row as the user sees it: the line of a CSV file where the
 * record starts or the worksheet row of an XLSX file (the header is row 1); row 0 is the file as a whole
 * or an option of the request.
 */
export interface RowError {
  row: number;
  column: string;
  reason: string;
}

export type ImportKind = "cost_lines" | "driver_quantities" | "focus";
export type ImportFormat = "csv" | "xlsx";

export interface ImportRequest {
  kind: ImportKind;
  format: ImportFormat;
  content: Buffer;
  /** Contract field -> column name in the file; fields left out are looked up under their own name. */
  mapping?: Record<string, string>;
  /** Scenario for rows that have none (no scenario column, or an empty cell); FOCUS files default to Actual. */
  scenario?: string;
  /** FOCUS only: book every billing row into this month (YYYY-MM) instead of the month of ChargePeriodStart. */
  bookToPeriod?: string;
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
