import fc from "fast-check";
import { roundTable, roundToTotal, type CommonFraction } from "../../src/engine/allocation";
import { sumUnits } from "../../src/engine/money";

/** A row of exact amounts over one denominator whose sum is a whole number (a member's cost in cents). */
const exactRow = (width: number): fc.Arbitrary<CommonFraction> =>
  fc
    .tuple(
      fc.array(fc.bigInt({ min: -400n, max: 4000n }), { minLength: width, maxLength: width }),
      fc.bigInt({ min: 1n, max: 97n }),
    )
    .map(([numerators, denominator]) => {
      // Make the row's sum a multiple of the denominator by moving the remainder into its first cell.
      const rest = ((sumUnits(numerators) % denominator) + denominator) % denominator;
      const fixed = [...numerators];
      fixed[0] -= rest;
      return { numerators: fixed, denominator };
    });

const table = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 8 }))
  .chain(([height, width]) => fc.array(exactRow(width), { minLength: height, maxLength: height }));

const rowTotal = (row: CommonFraction) => sumUnits(row.numerators) / row.denominator;
const columnSums = (cells: readonly bigint[][], width: number) =>
  Array.from({ length: width }, (_, c) => sumUnits(cells.map((row) => row[c])));

/** The exact column sums rounded once to the grand total, as a consumer's cost is. */
function roundedColumns(rows: readonly CommonFraction[]): bigint[] {
  const common = rows.reduce((d, row) => d * row.denominator, 1n);
  const width = rows[0].numerators.length;
  const numerators = Array.from({ length: width }, (_, c) =>
    sumUnits(rows.map((row) => row.numerators[c] * (common / row.denominator))),
  );
  return roundToTotal({ numerators, denominator: common }, sumUnits(rows.map(rowTotal)));
}

/** How far a cell is from its exact value, in units, times the row's denominator. */
const distance = (row: CommonFraction, c: number, units: bigint) => {
  const gap = units * row.denominator - row.numerators[c];
  return gap < 0n ? -gap : gap;
};

/** Whether any rounding with every cell its exact value rounded down or up meets both margins. */
function withinOneExists(rows: readonly CommonFraction[], columns: readonly bigint[]): boolean {
  const width = columns.length;
  const floors = rows.map((row) =>
    row.numerators.map((n) =>
      n >= 0n ? n / row.denominator : -((-n + row.denominator - 1n) / row.denominator),
    ),
  );
  const fractional: [number, number][] = [];
  rows.forEach((row, i) =>
    row.numerators.forEach((n, c) => n % row.denominator !== 0n && fractional.push([i, c])),
  );
  for (let mask = 0; mask < 2 ** fractional.length; mask++) {
    const cells = floors.map((row) => [...row]);
    fractional.forEach(([i, c], bit) => (cells[i][c] += (mask >> bit) & 1 ? 1n : 0n));
    const rowsMet = cells.every((row, i) => sumUnits(row) === rowTotal(rows[i]));
    if (rowsMet && columnSums(cells, width).every((sum, c) => sum === columns[c])) return true;
  }
  return false;
}

describe("roundTable", () => {
  it("meets every row total and every column total exactly, whatever the column totals", () => {
    fc.assert(
      fc.property(table, fc.array(fc.bigInt({ min: -30n, max: 30n }), { maxLength: 8 }), (rows, shifts) => {
        const width = rows[0].numerators.length;
        // Column totals moved away from the exact sums, in pairs, so that they keep the grand total.
        const columns = roundedColumns(rows);
        shifts.forEach((shift, k) => {
          columns[k % width] += shift;
          columns[(k + 1) % width] -= shift;
        });
        const cells = roundTable(rows, rows.map(rowTotal), columns);
        cells.forEach((row, i) => expect(sumUnits(row)).toBe(rowTotal(rows[i])));
        expect(columnSums(cells, width)).toEqual(columns);
      }),
      { numRuns: 400 },
    );
  });

  it("keeps every cell within one unit of its exact value whenever such a rounding exists", () => {
    const small = fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }))
      .chain(([height, width]) => fc.array(exactRow(width), { minLength: height, maxLength: height }));
    let checked = 0;
    fc.assert(
      fc.property(small, fc.bigInt({ min: -2n, max: 2n }), (rows, shift) => {
        const width = rows[0].numerators.length;
        const columns = roundedColumns(rows);
        columns[0] += shift;
        columns[width - 1] -= shift;
        const cells = roundTable(rows, rows.map(rowTotal), columns);
        expect(columnSums(cells, width)).toEqual(columns);
        if (!withinOneExists(rows, columns)) return;
        checked += 1;
        cells.forEach((row, i) =>
          row.forEach((units, c) => expect(distance(rows[i], c, units)).toBeLessThan(rows[i].denominator)),
        );
      }),
      { numRuns: 500 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it("changes nothing when each row's own rounding already meets the columns", () => {
    const rows: CommonFraction[] = [
      { numerators: [1n, 2n], denominator: 3n },
      { numerators: [5n, 1n], denominator: 2n },
    ];
    expect(roundTable(rows, [1n, 3n], [3n, 1n])).toEqual([
      [0n, 1n],
      [3n, 0n],
    ]);
  });

  it("refuses margins with different sums, naming the problem", () => {
    expect(() => roundTable([{ numerators: [2n, 2n], denominator: 1n }], [4n], [2n, 3n])).toThrow(
      /must have the same sum/,
    );
  });
});
