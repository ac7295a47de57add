import { cellAddress, isItfmFormula } from "./addresses";

/** A cell holding an ITFM formula, with what it shows now. */
export interface ItfmCell {
  sheet: string;
  /** A1-style, without the sheet. */
  address: string;
  formula: string;
  /** As Excel's `values` gives it: a number, text, a boolean, or the error text such as "#N/A". */
  value: unknown;
  isError: boolean;
}

/** Cells read per request: keeps each answer small and lets the pane repaint between requests. */
const CELLS_PER_READ = 20_000;

interface UsedArea {
  sheet: string;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

async function usedAreas(context: Excel.RequestContext): Promise<UsedArea[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const used = sheets.items.map((sheet) => {
    const range = sheet.getUsedRangeOrNullObject(true);
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    return { sheet: sheet.name, range };
  });
  await context.sync();
  return used
    .filter(({ range }) => !range.isNullObject)
    .map(({ sheet, range }) => ({
      sheet,
      row: range.rowIndex,
      column: range.columnIndex,
      rows: range.rowCount,
      columns: range.columnCount,
    }));
}

/** Every cell of the workbook (all sheets) whose formula calls an ITFM function, in sheet and reading order. */
export async function scanItfmCells(): Promise<ItfmCell[]> {
  return Excel.run(async (context) => {
    const found: ItfmCell[] = [];
    for (const area of await usedAreas(context)) {
      const rowsPerRead = Math.max(1, Math.floor(CELLS_PER_READ / area.columns));
      for (let top = 0; top < area.rows; top += rowsPerRead) {
        const rows = Math.min(rowsPerRead, area.rows - top);
        const block = context.workbook.worksheets
          .getItem(area.sheet)
          .getRangeByIndexes(area.row + top, area.column, rows, area.columns);
        block.load("formulas,values,valueTypes");
        await context.sync();
        block.formulas.forEach((line, r) =>
          line.forEach((formula, c) => {
            if (!isItfmFormula(formula)) return;
            found.push({
              sheet: area.sheet,
              address: cellAddress(area.row + top + r, area.column + c),
              formula,
              value: block.values[r][c],
              isError: String(block.valueTypes[r][c]) === "Error",
            });
          }),
        );
      }
    }
    return found;
  });
}
