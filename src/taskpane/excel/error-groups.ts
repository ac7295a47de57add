import type { ItfmCell } from "./scan";

/** Cells that show the same error for the same reason. */
export interface CellGroup {
  code: string;
  reason: string;
  cells: ItfmCell[];
}

/** Groups cells in error by code and reason, the most frequent first (cells keep their order). */
export function groupByReason(cells: readonly ItfmCell[], reasonOf: (cell: ItfmCell) => string): CellGroup[] {
  const groups = new Map<string, CellGroup>();
  for (const cell of cells) {
    const code = String(cell.value);
    const reason = reasonOf(cell);
    const key = `${code}\u0000${reason}`;
    const group = groups.get(key) ?? { code, reason, cells: [] };
    group.cells.push(cell);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) => b.cells.length - a.cells.length || a.reason.localeCompare(b.reason),
  );
}

/** The sheets that hold the cells, in the order they first appear, with how many each holds. */
export function countBySheet(cells: readonly ItfmCell[]): [sheet: string, count: number][] {
  const counts = new Map<string, number>();
  for (const cell of cells) counts.set(cell.sheet, (counts.get(cell.sheet) ?? 0) + 1);
  return [...counts];
}
