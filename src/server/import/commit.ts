import type { Member } from "../../contract/model";
import type { Database, Sql } from "../db";
import { HttpError } from "../errors";
import { abandonedImports, commitImport, discardImport } from "../store/imports";
import { appendMembers, memberNames } from "../store/members";
import type { ImportOutcome } from "./run";

/**
 * Makes a read import part of its draft, inside the draft change's transaction: the members it adds
 * (those still missing: another change may have added some meanwhile), then its rows, all at once.
 * Returns the members added.
 */
export async function commitImportInto(
  db: Database,
  tx: Sql,
  versionId: string,
  outcome: Extract<ImportOutcome, { ok: true }>,
): Promise<Member[]> {
  const have = new Set((await memberNames(tx, versionId)).map((m) => `${m.dimension}\u0000${m.name}`));
  const added = outcome.added.filter((m) => !have.has(`${m.dimension}\u0000${m.name}`));
  await appendMembers(db, tx, versionId, added);
  if (!(await commitImport(tx, outcome.importId, outcome.costLines + outcome.driverQuantities))) {
    throw new HttpError(
      409,
      "import_lost",
      "The import was stopped before it could be saved; nothing was imported",
    );
  }
  return added;
}

/**
 * Deletes the rows of imports whose process ended before they committed (their rows were never
 * visible); on PostgreSQL only those idle for `idleSeconds`, as another instance may be running one.
 */
export async function discardAbandonedImports(db: Database, idleSeconds: number): Promise<number> {
  const abandoned = await abandonedImports(db, idleSeconds);
  for (const importId of abandoned) await discardImport(db, importId);
  return abandoned.length;
}
