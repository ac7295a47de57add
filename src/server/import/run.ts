import { setImmediate as pause } from "node:timers/promises";
import type { CostLine, DriverQuantity, Member } from "../../contract/model";
import type { Database } from "../db";
import { KnownNames, costLineProblems, driverQuantityProblems } from "../references";
import { COST_LINES, DRIVER_QUANTITIES, insertFacts } from "../store/facts";
import { discardImport, recordProgress, startImport } from "../store/imports";
import { RowErrors } from "./errors";
import { ImportFile, type ReadFact } from "./reading";
import type { ImportRequest, RowError } from "./types";

/**
 * Rows written per transaction. PGlite runs in this process, so while it writes nothing else is served:
 * its batches are small. PostgreSQL writes in its own processes and takes larger ones.
 */
const BATCH_ROWS = { pglite: 250, postgres: 2_000 } as const;

export interface ImportTarget {
  /** Chosen by the caller to follow the import's progress, else made here. */
  importId?: string;
  tenantId: string;
  versionId: string;
  userId: string;
  filename: string;
  request: ImportRequest;
}

/** A file read to its end: rows written and waiting to be committed, or rejected with its errors. */
export type ImportOutcome =
  | { ok: true; importId: string; costLines: number; driverQuantities: number; added: Member[] }
  | { ok: false; errors: RowErrors };

/** The unknown members of one fact, on its row and column; a value the import supplies itself is named once. */
function memberErrors(
  fact: ReadFact,
  known: KnownNames,
  columns: Readonly<Record<string, string>>,
  once: Set<string>,
): RowError[] {
  const problems =
    fact.costLine !== undefined
      ? costLineProblems([fact.costLine], known)
      : driverQuantityProblems([fact.driverQuantity], known);
  const errors: RowError[] = [];
  for (const { path, message } of problems) {
    const field = path.split(".")[2];
    const column = columns[field];
    if (column !== undefined) errors.push({ row: fact.row, column, reason: message });
    else if (!once.has(`${field}\u0000${message}`)) {
      once.add(`${field}\u0000${message}`);
      errors.push({ row: 0, column: field, reason: message });
    }
  }
  return errors;
}

/**
 * Reads an import file into a draft as it goes: good rows are written a batch at a time under a
 * running import, invisible to every reader until the caller commits it; the first bad row stops the
 * writing (what was written is discarded) and the rest of the file is read only to report its errors.
 * Between batches the event loop serves other requests. Progress is kept on the import's record.
 */
export async function runImport(db: Database, target: ImportTarget): Promise<ImportOutcome> {
  const { request, versionId } = target;
  const file = await ImportFile.open(request.content, request);
  const errors = new RowErrors();
  for (const error of file.setupErrors) errors.add(error);
  if (errors.count > 0) return { ok: false, errors };

  const known = await KnownNames.ofVersion(db, versionId);
  const added = new Map<string, Member>();
  const importId = await startImport(db, {
    id: target.importId,
    tenantId: target.tenantId,
    versionId,
    kind: request.kind,
    filename: target.filename,
    bytesTotal: request.content.length,
    userId: target.userId,
  });
  const once = new Set<string>();
  const written = { costLines: 0, driverQuantities: 0 };
  let rowsRead = 0;
  let lines: CostLine[] = [];
  let quantities: DriverQuantity[] = [];
  const flush = async () => {
    if (errors.count === 0 && lines.length + quantities.length > 0) {
      await db.transaction(async (tx) => {
        await insertFacts(db, tx, COST_LINES, versionId, lines, importId);
        await insertFacts(db, tx, DRIVER_QUANTITIES, versionId, quantities, importId);
      });
      written.costLines += lines.length;
      written.driverQuantities += quantities.length;
    }
    lines = [];
    quantities = [];
    await recordProgress(db, importId, {
      bytesRead: Math.round(request.content.length * file.progress.fraction),
      rowsRead,
      rowsWritten: written.costLines + written.driverQuantities,
      badRows: errors.rows,
    });
    await pause();
  };
  try {
    for await (const fact of file.facts((error) => errors.add(error))) {
      rowsRead++;
      const consumer = fact.costLine?.consumer;
      if (file.addsConsumers !== undefined && consumer !== undefined && !known.has("consumer", consumer)) {
        added.set(consumer, {
          dimension: "consumer",
          name: consumer,
          parent: null,
          attributes: { ...file.addsConsumers.attributes },
        });
        known.add("consumer", consumer);
      }
      const unknown = memberErrors(fact, known, file.columns, once);
      for (const error of unknown) errors.add(error);
      if (unknown.length === 0 && errors.count === 0) {
        if (fact.costLine !== undefined) lines.push(fact.costLine);
        else quantities.push(fact.driverQuantity);
      }
      if (rowsRead % BATCH_ROWS[db.kind] === 0) await flush();
    }
    await flush();
  } catch (error) {
    await discardImport(db, importId);
    throw error;
  }
  if (errors.count > 0) {
    await discardImport(db, importId);
    return { ok: false, errors };
  }
  return { ok: true, importId, ...written, added: [...added.values()] };
}
