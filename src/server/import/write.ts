import type { Member } from "../../contract/model";
import type { Database, Sql } from "../db";
import { HttpError } from "../errors";
import { KnownNames, type Problem, costLineProblems, driverQuantityProblems } from "../references";
import { COST_LINES, DRIVER_QUANTITIES, insertFacts, insertImport } from "../store/facts";
import { appendMembers, memberNames } from "../store/members";
import { scenarioNames } from "../store/scenarios";
import type { ImportKind, ParsedImport, RowError } from "./types";

function rejection(errors: readonly RowError[]): HttpError {
  const rows = new Set(errors.map((e) => e.row)).size;
  const message =
    rows === 1 ? "1 row has errors; nothing was imported" : `${rows} rows have errors; nothing was imported`;
  return new HttpError(422, "import_rejected", message, errors);
}

/**
 * The unknown members of the imported rows, on the file's rows and columns. A value the import supplies
 * itself (the FOCUS cost pool, a scenario given with the request) is reported once, as row 0.
 */
function memberErrors(problems: readonly Problem[], parsed: ParsedImport): RowError[] {
  const { columns, rowNumbers } = parsed.source;
  const once = new Set<string>();
  const errors: RowError[] = [];
  for (const { path, message } of problems) {
    const [, index, field] = path.split(".");
    const column = columns[field];
    if (column !== undefined) {
      errors.push({ row: rowNumbers[Number(index)], column, reason: message });
    } else if (!once.has(`${field}\u0000${message}`)) {
      once.add(`${field}\u0000${message}`);
      errors.push({ row: 0, column: field, reason: message });
    }
  }
  return errors;
}

/**
 * The members the import adds to the version. Any bad row, in the file or naming a member the version
 * lacks, -> 422 listing every one.
 */
async function checkRows(tx: Sql, versionId: string, parsed: ParsedImport): Promise<Member[]> {
  const existing = await memberNames(tx, versionId);
  const have = new Set(existing.map((m) => `${m.dimension}\u0000${m.name}`));
  const added = parsed.members.filter((m) => !have.has(`${m.dimension}\u0000${m.name}`));
  const known = new KnownNames([...existing, ...added], await scenarioNames(tx, versionId));
  const unknown = [
    ...costLineProblems(parsed.costLines, known),
    ...driverQuantityProblems(parsed.driverQuantities, known),
  ];
  const errors = [...parsed.errors, ...memberErrors(unknown, parsed)].sort((a, b) => a.row - b.row);
  if (errors.length > 0) throw rejection(errors);
  return added;
}

export interface ImportTarget {
  tenantId: string;
  versionId: string;
  userId: string;
  kind: ImportKind;
  filename: string;
  parsed: ParsedImport;
}

/**
 * Writes a parsed file into a draft inside the caller's transaction: the import record, the members it
 * adds and every row, each row pointing to its import. Any bad row -> 422 and nothing is written.
 */
export async function writeImport(
  db: Database,
  tx: Sql,
  { tenantId, versionId, userId, kind, filename, parsed }: ImportTarget,
): Promise<{ importId: string; rowCount: number; added: Member[] }> {
  const added = await checkRows(tx, versionId, parsed);
  const rowCount = parsed.costLines.length + parsed.driverQuantities.length;
  const importId = await insertImport(tx, { tenantId, versionId, kind, filename, rowCount, userId });
  await appendMembers(db, tx, versionId, added);
  await insertFacts(db, tx, COST_LINES, versionId, parsed.costLines, importId);
  await insertFacts(db, tx, DRIVER_QUANTITIES, versionId, parsed.driverQuantities, importId);
  return { importId, rowCount, added };
}
