/**
 * Builds docs/sample/itfm-budget.xlsx: a budget sheet of ITFM formulas on the demo model (costs by
 * tower and quarter, Budget against Actual, a showback split and a business case), to open in
 * Excel with the add-in loaded and bind to "ITFM Demo". `npx tsx scripts/sample-workbook.ts`.
 */
import path from "node:path";
import ExcelJS from "exceljs";

export const SAMPLE_WORKBOOK = path.resolve(__dirname, "../docs/sample/itfm-budget.xlsx");

export const TOWERS = ["Compute", "Storage", "Network", "Data Center", "Application", "End User", "Security"];
const QUARTERS = ["2026-Q1", "2026-Q2", "2026-Q3"];
const MONEY = "#,##0.00;[Red]-#,##0.00";

function header(sheet: ExcelJS.Worksheet, title: string, note: ExcelJS.CellValue): void {
  sheet.getCell("A1").value = title;
  sheet.getCell("A1").font = { bold: true, size: 14 };
  sheet.getCell("A2").value = note;
  sheet.getCell("A2").font = { italic: true, color: { argb: "FF595959" } };
}

/** Costs by tower and quarter, Actual and Budget, with the variance. */
function budgetSheet(book: ExcelJS.Workbook): void {
  const sheet = book.addWorksheet("Budget vs Actual");
  // The model and version the workbook is bound to, as a report header.
  header(sheet, "IT costs by tower", { formula: 'ITFM.MODEL("name")&" · "&ITFM.MODEL("version")' });
  const columns = [
    "Tower",
    ...QUARTERS.map((q) => `${q} Actual`),
    ...QUARTERS.map((q) => `${q} Budget`),
    "Variance",
  ];
  sheet.getRow(4).values = columns;
  sheet.getRow(4).font = { bold: true };
  TOWERS.forEach((tower, i) => {
    const row = 5 + i;
    sheet.getCell(`A${row}`).value = tower;
    QUARTERS.forEach((quarter, q) => {
      const actual = sheet.getCell(row, 2 + q);
      actual.value = { formula: `ITFM.COST($A${row},"${quarter}","Actual")` };
      const budget = sheet.getCell(row, 2 + QUARTERS.length + q);
      budget.value = { formula: `ITFM.COST($A${row},"${quarter}","Budget")` };
    });
    sheet.getCell(row, 8).value = { formula: `SUM(B${row}:D${row})-SUM(E${row}:G${row})` };
  });
  const total = 5 + TOWERS.length;
  sheet.getCell(`A${total}`).value = "Total";
  sheet.getRow(total).font = { bold: true };
  for (let c = 2; c <= 8; c++) {
    const letter = String.fromCharCode(64 + c);
    sheet.getCell(total, c).value = { formula: `SUM(${letter}5:${letter}${total - 1})` };
  }
  for (let c = 2; c <= 8; c++) sheet.getColumn(c).numFmt = MONEY;
  sheet.getColumn(1).width = 16;
  for (let c = 2; c <= 8; c++) sheet.getColumn(c).width = 16;
}

/** A showback split of one tower's quarter over business units, exact to the cent. */
function showbackSheet(book: ExcelJS.Workbook): void {
  const sheet = book.addWorksheet("Showback");
  header(
    sheet,
    "Compute, 2026-Q3, split by headcount",
    "ALLOCATE splits the cost exactly: the shares add up to the cent.",
  );
  sheet.getRow(4).values = ["Business unit", "Headcount", "Share", "Traced by the model"];
  sheet.getRow(4).font = { bold: true };
  const units = ["Sales", "Marketing", "E-Commerce", "Manufacturing", "Finance", "Human Resources"];
  units.forEach((unit, i) => {
    const row = 5 + i;
    sheet.getCell(`A${row}`).value = unit;
    sheet.getCell(`B${row}`).value = { formula: `ITFM.DRIVER("Headcount",A${row},"2026-09")` };
    sheet.getCell(`D${row}`).value = { formula: `ITFM.ALLOCATED("Compute",A${row},"2026-Q3")` };
  });
  const last = 4 + units.length;
  sheet.getCell("C5").value = { formula: `ITFM.ALLOCATE(ITFM.COST("Compute","2026-Q3"),B5:B${last})` };
  sheet.getCell(`A${last + 1}`).value = "Total";
  sheet.getCell(`C${last + 1}`).value = { formula: `SUM(C5:C${last})` };
  sheet.getCell(`D${last + 1}`).value = { formula: `SUM(D5:D${last})` };
  sheet.getColumn(3).numFmt = MONEY;
  sheet.getColumn(4).numFmt = MONEY;
  [18, 12, 16, 20].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
}

/** A business case with local formulas only: they calculate without the service. */
function businessCaseSheet(book: ExcelJS.Workbook): void {
  const sheet = book.addWorksheet("Business case");
  header(sheet, "Storage platform renewal", "Local formulas: they calculate without the service.");
  sheet.getRow(4).values = ["Year", "Costs", "Benefits"];
  sheet.getRow(4).font = { bold: true };
  const flows = [
    [0, 250000, 0],
    [1, 40000, 120000],
    [2, 41200, 125000],
    [3, 42436, 130000],
    [4, 43709, 130000],
  ];
  flows.forEach((values, i) => (sheet.getRow(5 + i).values = values));
  const metrics: [string, string][] = [
    ["Net present value at 8%", 'ITFM.ROI(B5:B9,C5:C9,8%,"npv")'],
    ["Internal rate of return", 'ITFM.ROI(B5:B9,C5:C9,8%,"irr")'],
    ["Payback (years)", 'ITFM.ROI(B5:B9,C5:C9,8%,"payback")'],
    ["Equivalent annual cost", 'ITFM.TCO(250000,40000,4,8%,3%,0,"annual")'],
    ["Depreciation, year 1", 'ITFM.DEPRECIATION(250000,10000,4,"sl",1)'],
  ];
  metrics.forEach(([label, formula], i) => {
    sheet.getCell(`E${5 + i}`).value = label;
    sheet.getCell(`F${5 + i}`).value = { formula };
  });
  sheet.getColumn(2).numFmt = MONEY;
  sheet.getColumn(3).numFmt = MONEY;
  sheet.getColumn(6).numFmt = "#,##0.00";
  sheet.getCell("F6").numFmt = "0.00%";
  [8, 14, 14, 2, 26, 16].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
}

export function buildSampleWorkbook(): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = "ITFM for Excel";
  // Fixed dates: the same workbook on every build.
  book.created = new Date("2026-11-01T00:00:00Z");
  book.modified = book.created;
  budgetSheet(book);
  showbackSheet(book);
  businessCaseSheet(book);
  return book;
}

if (require.main === module) {
  buildSampleWorkbook()
    .xlsx.writeFile(SAMPLE_WORKBOOK)
    .then(() => console.log(`written: ${path.relative(process.cwd(), SAMPLE_WORKBOOK)}`));
}
