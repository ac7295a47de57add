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

/** The address with its sheet of the range `pick` finds, e.g. `Data!B2:B13`. */
async function addressOf(pick: (context: Excel.RequestContext) => Excel.Range): Promise<string> {
  return Excel.run(async (context) => {
    const range = pick(context);
    range.load("address");
    await context.sync();
    return range.address;
  });
}

/** The selected range's address with its sheet, e.g. `Data!B2:B13`. */
export function selectedRangeAddress(): Promise<string> {
  return addressOf((context) => context.workbook.getSelectedRange());
}

/** The active cell's address with its sheet, e.g. `Budget!D4`: where Insert writes. */
export function activeCellAddress(): Promise<string> {
  return addressOf((context) => context.workbook.getActiveCell());
}
