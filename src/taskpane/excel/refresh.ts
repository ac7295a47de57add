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
  /** Cells recalculated (updated + unchanged + in error). */
  done: number;
  updated: number;
  unchanged: number;
  errors: ErrorGroup[];
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

/**
 * Writes each cell's formula again, which makes Excel call the function anew (also in manual
 * calculation mode), then waits until none of the chunk shows #BUSY!.
 */
async function recalculateChunk(chunk: ItfmCell[], settleTimeoutMs: number): Promise<ItfmCell[]> {
  return Excel.run(async (context) => {
    const sheets = new Map<string, Excel.Worksheet>();
    const sheetOf = (name: string) => {
      let sheet = sheets.get(name);
      if (sheet === undefined) sheets.set(name, (sheet = context.workbook.worksheets.getItem(name)));
      return sheet;
    };
    const ranges = chunk.map((cell) => {
      const range = sheetOf(cell.sheet).getRange(cell.address);
      range.formulas = [[cell.formula]];
      return range;
    });
    await context.sync();
    const results: ItfmCell[] = chunk.map((cell) => ({ ...cell, value: BUSY, isError: true }));
    let waiting = chunk.map((_, i) => i);
    const deadline = Date.now() + settleTimeoutMs;
    for (;;) {
      for (const i of waiting) ranges[i].load("values,valueTypes");
      await context.sync();
      for (const i of waiting) {
        results[i].value = ranges[i].values[0][0];
        results[i].isError = String(ranges[i].valueTypes[0][0]) === "Error";
      }
      waiting = waiting.filter((i) => results[i].value === BUSY);
      if (waiting.length === 0 || Date.now() >= deadline) return results;
      await pause(POLL_MS);
    }
  });
}

function summarize(
  before: ItfmCell[],
  after: ItfmCell[],
  total: number,
  stopped: boolean,
  reasonOf: RefreshOptions["reasonOf"],
): RefreshSummary {
  let updated = 0;
  let unchanged = 0;
  const groups = new Map<string, ErrorGroup>();
  after.forEach((cell, i) => {
    if (cell.isError) {
      const code = String(cell.value);
      const reason = reasonOf(cell);
      const key = `${code}\u0000${reason}`;
      const group = groups.get(key) ?? { code, reason, count: 0 };
      group.count++;
      groups.set(key, group);
    } else if (sameValue(cell.value, before[i].value)) unchanged++;
    else updated++;
  });
  const errors = [...groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { total, done: after.length, updated, unchanged, errors, stopped, cells: after };
}

/**
 * Recalculates `cells` chunk by chunk, reporting progress after each, and stops between chunks
 * once `signal` is aborted. A cell counts as updated when its value changed, unchanged when not,
 * and in error when it ends showing an error.
 */
export async function refreshCells(cells: ItfmCell[], options: RefreshOptions): Promise<RefreshSummary> {
  const chunkSize = options.chunkSize ?? 250;
  const settleTimeoutMs = options.settleTimeoutMs ?? 120_000;
  const after: ItfmCell[] = [];
  options.onProgress?.({ done: 0, total: cells.length });
  for (let start = 0; start < cells.length; start += chunkSize) {
    if (options.signal?.aborted) break;
    after.push(...(await recalculateChunk(cells.slice(start, start + chunkSize), settleTimeoutMs)));
    options.onProgress?.({ done: after.length, total: cells.length });
    await yieldToUi();
  }
  const stopped = after.length < cells.length;
  return summarize(cells.slice(0, after.length), after, cells.length, stopped, options.reasonOf);
}
