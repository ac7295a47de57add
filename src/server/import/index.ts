import { readCsv } from "./csv";
import { readFocus } from "./focus";
import type { Sheet } from "./sheet";
import { readCostLines, readDriverQuantities } from "./tabular";
import type { ImportRequest, ParsedImport } from "./types";
import { readXlsx } from "./xlsx";

export type { ImportFormat, ImportKind, ImportRequest, ParsedImport, RowError, SourceColumns } from "./types";
export { FOCUS_CATEGORY_TOWERS } from "./focus-towers";
export { BUSINESS_UNIT_TAG, FOCUS_POOL } from "./focus";
export { type ImportTarget, writeImport } from "./write";

const READERS = {
  cost_lines: readCostLines,
  driver_quantities: readDriverQuantities,
  focus: readFocus,
} as const;

/**
 * Reads an import file into contract rows. All or nothing: the answer lists every problem found (row,
 * column, reason), and the caller writes nothing unless `errors` is empty.
 */
export async function parseImport(req: ImportRequest): Promise<ParsedImport> {
  const sheet: Sheet = req.format === "xlsx" ? await readXlsx(req.content) : readCsv(req.content);
  const parsed: ParsedImport =
    sheet.header.length === 0
      ? {
          costLines: [],
          driverQuantities: [],
          members: [],
          errors: [...sheet.errors],
          source: { columns: {}, rowNumbers: [] },
        }
      : READERS[req.kind](sheet, req);
  parsed.errors.sort((a, b) => a.row - b.row);
  return parsed;
}
