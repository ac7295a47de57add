import type { Member } from "../../contract/model";
import { ImportFile } from "./reading";
import type { ImportRequest, ParsedImport, RowError } from "./types";

export type {
  ImportEncoding,
  ImportFormat,
  ImportKind,
  ImportOptions,
  ImportRequest,
  ParsedImport,
  RowError,
  SourceColumns,
} from "./types";
export { FOCUS_CATEGORY_TOWERS } from "./focus-towers";
export { BUSINESS_UNIT_TAG, FOCUS_POOL } from "./focus";
export { ImportFile, type ReadFact } from "./reading";
export { type ImportOutcome, type ImportTarget, runImport } from "./run";
export { commitImportInto, discardAbandonedImports } from "./commit";
export { LISTED_ROW_ERRORS, RowErrors } from "./errors";

/**
 * Reads a whole import file into contract rows, for checks that need no version: every problem found
 * (row, column, reason) is listed in `errors`, in row order.
 */
export async function parseImport(req: ImportRequest): Promise<ParsedImport> {
  const file = await ImportFile.open(req.content, req);
  const parsed: ParsedImport = {
    costLines: [],
    driverQuantities: [],
    members: [],
    errors: [...file.setupErrors],
    source: { columns: file.columns, rowNumbers: [] },
  };
  const rowNumbers: number[] = [];
  for await (const fact of file.facts((error) => parsed.errors.push(error))) {
    if (fact.costLine !== undefined) parsed.costLines.push(fact.costLine);
    else parsed.driverQuantities.push(fact.driverQuantity);
    rowNumbers.push(fact.row);
  }
  parsed.source = { columns: file.columns, rowNumbers };
  const consumers = file.addsConsumers;
  if (consumers !== undefined) {
    const names = new Set(parsed.costLines.flatMap((l) => (l.consumer === undefined ? [] : [l.consumer])));
    parsed.members = [...names].map((name): Member => ({
      dimension: "consumer",
      name,
      parent: null,
      attributes: { ...consumers.attributes },
    }));
  }
  parsed.errors.sort((a: RowError, b: RowError) => a.row - b.row);
  return parsed;
}
