import { groupByReason } from "./error-groups";
import type { ItfmCell } from "./scan";

export interface RefreshProgress {
  done: number;
  total: number;
}

/** Cells that ended in an error, grouped by why. */
export interface ErrorGroup {
  code: string;
  reason: string;
  count: number;
}

export interface RefreshSummary {
  total: number;
  /** Cells gone through (updated + unchanged + in error + skipped). */
  done: number;
  updated: number;
  unchanged: number;
  errors: ErrorGroup[];
  /** Cells whose formula was changed while the refresh ran: left as they were changed. */
  skipped: number;
  stopped: boolean;
  /** Every recalculated cell as it ends. */
  cells: ItfmCell[];
}

export interface RefreshOptions {
  /** Cells recalculated per request (default 250). */
  chunkSize?: number;
  /** Called after each chunk. */
  onProgress?: (progress: RefreshProgress) => void;
  /** Checked between chunks: Stop. */
  signal?: AbortSignal;
  /** How long a chunk may stay #BUSY! before it is left calculating (ms, default 120 000). */
  settleTimeoutMs?: number;
  /** Why a cell shows an error. */
  reasonOf: (cell: ItfmCell) => string;
}

const BUSY = "#BUSY!";
const POLL_MS = 40;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Lets the pane repaint and take a click (Stop) between chunks. */
const yieldToUi = () => pause(0);

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b));
}

/** A cell recalculated by the refresh: as the scan found it, and as it ends. */
interface Recalculated {
  before: ItfmCell;
  after: ItfmCell;
}

interface ChunkResult {
  recalculated: Recalculated[];
  skipped: number;
}

/**
 * Writes each cell's formula again, which makes Excel call the function anew (also in manual
 * calculation mode), then waits until none of the chunk shows #BUSY!. A cell whose formula is no
 * longer the scanned one was changed while the refresh ran: it is left as it is.
 */
async function recalculateChunk(chunk: ItfmCell[], settleTimeoutMs: number): Promise<ChunkResult> {
  return Excel.run(async (context) => {
    const sheets = new Map<string, Excel.Worksheet>();
    const sheetOf = (name: string) => {
      let sheet = sheets.get(name);
      if (sheet === undefined) sheets.set(name, (sheet = context.workbook.worksheets.getItem(name)));
      return sheet;
    };
    const ranges = chunk.map((cell) => sheetOf(cell.sheet).getRange(cell.address).load("formulas"));
    await context.sync();
    const kept = chunk.flatMap((cell, i) =>
      ranges[i].formulas[0][0] === cell.formula ? [{ cell, range: ranges[i] }] : [],
    );
    for (const { cell, range } of kept) range.formulas = [[cell.formula]];
    await context.sync();
    const results: ItfmCell[] = kept.map(({ cell }) => ({ ...cell, value: BUSY, isError: true }));
    let waiting = kept.map((_, i) => i);
    const deadline = Date.now() + settleTimeoutMs;
    for (;;) {
      for (const i of waiting) kept[i].range.load("values,valueTypes");
      await context.sync();
      for (const i of waiting) {
        results[i].value = kept[i].range.values[0][0];
        results[i].isError = String(kept[i].range.valueTypes[0][0]) === "Error";
      }
      waiting = waiting.filter((i) => results[i].value === BUSY);
      if (waiting.length === 0 || Date.now() >= deadline) {
        return {
          recalculated: kept.map(({ cell }, i) => ({ before: cell, after: results[i] })),
          skipped: chunk.length - kept.length,
        };
      }
      await pause(POLL_MS);
    }
  });
}

function summarize(
  recalculated: Recalculated[],
  progress: RefreshProgress & { skipped: number },
  reasonOf: RefreshOptions["reasonOf"],
): RefreshSummary {
  let updated = 0;
  let unchanged = 0;
  const inError: ItfmCell[] = [];
  for (const { before, after } of recalculated) {
    if (after.isError) inError.push(after);
    else if (sameValue(after.value, before.value)) unchanged++;
    else updated++;
  }
  const errors = groupByReason(inError, reasonOf).map(({ code, reason, cells }) => ({
    code,
    reason,
    count: cells.length,
  }));
  return {
    total: progress.total,
    done: progress.done,
    updated,
    unchanged,
    errors,
    skipped: progress.skipped,
    stopped: progress.done < progress.total,
    cells: recalculated.map(({ after }) => after),
  };
}

/**
 * Recalculates `cells` chunk by chunk, reporting progress after each, and stops between chunks
 * once `signal` is aborted. A cell counts as updated when its value changed, unchanged when not,
 * in error when it ends showing an error, and skipped when its formula was changed meanwhile.
 */
export async function refreshCells(cells: ItfmCell[], options: RefreshOptions): Promise<RefreshSummary> {
  const chunkSize = options.chunkSize ?? 250;
  const settleTimeoutMs = options.settleTimeoutMs ?? 120_000;
  const recalculated: Recalculated[] = [];
  let done = 0;
  let skipped = 0;
  options.onProgress?.({ done, total: cells.length });
  for (let start = 0; start < cells.length; start += chunkSize) {
    if (options.signal?.aborted) break;
    const chunk = cells.slice(start, start + chunkSize);
    const result = await recalculateChunk(chunk, settleTimeoutMs);
    recalculated.push(...result.recalculated);
    skipped += result.skipped;
    done += chunk.length;
    options.onProgress?.({ done, total: cells.length });
    await yieldToUi();
  }
  return summarize(recalculated, { done, total: cells.length, skipped }, options.reasonOf);
}
