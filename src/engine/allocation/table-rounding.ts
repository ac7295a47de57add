import { sumUnits } from "../money";
import { FlowNetwork } from "./max-flow";
import { type CommonFraction, roundToTotal } from "./units";

/** How far one cell may move in a tier: units down and up from its current value. */
type Room = (row: number, column: number, value: bigint) => { down: bigint; up: bigint };

/**
 * Rounds a table of exact amounts (one row per member, each over its own denominator) to whole units
 * so that every row adds up to its total and every column to its total: controlled rounding, the
 * transportation problem of rounding a table with fixed margins.
 *
 * Each row is first rounded on its own (largest remainder, so each cell is its exact value rounded
 * down or up). The columns are then off by some units: moving a unit within a row, out of a column
 * with too much and into one with too little, keeps the row's total. The moves are a flow: a column
 * with too much → a row whose cell there can go down → a column whose cell in that row can go up →
 * ... → a column with too little. Three tiers, each a maximum flow over more room than the last:
 *  1. cells stay their exact value rounded down or up. A maximum flow here reaches every column's
 *     total whenever any such rounding exists (the difference of two roundings is a flow of this
 *     network), so each cell is within one unit of its exact value wherever the margins allow it;
 *  2. cells the row reaches (non-zero exact value) may move further, never changing sign;
 *  3. any cell of any row may move. The network is then complete: any column with too much and any
 *     with too little are one move apart, so this tier always finishes, and the rounding always exists
 *     once the row totals and the column totals have the same sum.
 */
export function roundTable(
  rows: readonly CommonFraction[],
  rowTotals: readonly bigint[],
  columnTotals: readonly bigint[],
): bigint[][] {
  if (sumUnits(rowTotals) !== sumUnits(columnTotals)) {
    throw new RangeError("roundTable: the row totals and the column totals must have the same sum");
  }
  const table = rows.map((row, i) => roundToTotal(row, rowTotals[i]));
  const excess = columnTotals.map((total, c) => table.reduce((sum, row) => sum + row[c], 0n) - total);
  const rounded: Room = (i, c, value) => {
    const scaled = value * rows[i].denominator;
    const exact = rows[i].numerators[c];
    return { down: scaled > exact ? 1n : 0n, up: scaled < exact ? 1n : 0n };
  };
  const reached: Room = (i, c, value) => {
    const exact = rows[i].numerators[c];
    if (exact > 0n) return { down: value > 0n ? value : 0n, up: UNBOUNDED };
    if (exact < 0n) return { down: UNBOUNDED, up: value < 0n ? -value : 0n };
    return { down: 0n, up: 0n };
  };
  for (const room of [rounded, reached]) {
    if (excess.every((units) => units === 0n)) return table;
    settle(table, excess, room);
  }
  if (table.length === 0) throw new RangeError("roundTable: column totals other than zero need rows");
  settleAnywhere(table, excess);
  return table;
}

const UNBOUNDED = -1n;

/** One tier: the maximum flow of moves the room allows, applied to the table and its columns' excess. */
function settle(table: bigint[][], excess: bigint[], room: Room): void {
  const width = excess.length;
  const total = excess.reduce((sum, units) => (units > 0n ? sum + units : sum), 0n);
  const cap = (units: bigint) => Number(units === UNBOUNDED || units > total ? total : units);
  const [source, sink] = [0, 1];
  const column = (c: number) => 2 + c;
  const row = (i: number) => 2 + width + i;
  const network = new FlowNetwork(2 + width + table.length);
  excess.forEach((units, c) => {
    if (units > 0n) network.addArc(source, column(c), Number(units));
    if (units < 0n) network.addArc(column(c), sink, Number(-units));
  });
  const moves: { i: number; c: number; arc: number; sign: bigint }[] = [];
  table.forEach((values, i) => {
    values.forEach((value, c) => {
      const { down, up } = room(i, c, value);
      if (down !== 0n) moves.push({ i, c, sign: -1n, arc: network.addArc(column(c), row(i), cap(down)) });
      if (up !== 0n) moves.push({ i, c, sign: 1n, arc: network.addArc(row(i), column(c), cap(up)) });
    });
  });
  if (network.maxFlow(source, sink) === 0) return;
  for (const { i, c, arc, sign } of moves) {
    const units = BigInt(network.flowOn(arc));
    if (units === 0n) continue;
    table[i][c] += sign * units;
    excess[c] += sign * units;
  }
}

/** The last tier: a unit moves from any column with too much to any with too little, in its largest cell. */
function settleAnywhere(table: bigint[][], excess: bigint[]): void {
  for (let from = 0; from < excess.length; from++) {
    for (let to = 0; excess[from] > 0n && to < excess.length; to++) {
      if (excess[to] >= 0n) continue;
      const units = excess[from] < -excess[to] ? excess[from] : -excess[to];
      const largest = table.reduce((best, values, i) => (values[from] > table[best][from] ? i : best), 0);
      table[largest][from] -= units;
      table[largest][to] += units;
      excess[from] -= units;
      excess[to] += units;
    }
  }
}
