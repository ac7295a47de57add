/** Selects one cell (activating its sheet), e.g. to show a cell in error. */
export async function selectCell(sheet: string, address: string): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(address).select();
    await context.sync();
  });
}

/**
 * Writes a formula into the active cell. `formulaFor` receives the active cell's sheet, so that
 * references to that same sheet can leave the sheet name out. Returns the cell's address.
 */
export async function writeToActiveCell(formulaFor: (sheet: string) => string): Promise<string> {
  return Excel.run(async (context) => {
    const cell = context.workbook.getActiveCell();
    const sheet = cell.worksheet;
    sheet.load("name");
    await context.sync();
    cell.formulas = [[formulaFor(sheet.name)]];
    cell.load("address");
    await context.sync();
    return cell.address;
  });
}

/** The selected range's address with its sheet, e.g. `Data!B2:B13`. */
export async function selectedRangeAddress(): Promise<string> {
  return Excel.run(async (context) => {
    const range = context.workbook.getSelectedRange();
    range.load("address");
    await context.sync();
    return range.address;
  });
}
