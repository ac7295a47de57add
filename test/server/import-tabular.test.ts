import ExcelJS from "exceljs";
import { parseImport } from "../../src/server/import";

const csv = (text: string): Buffer => Buffer.from(text.replace(/^\n/, ""));

async function xlsx(rows: unknown[][], startRow = 1): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Costs");
  rows.forEach((values, i) => {
    sheet.getRow(startRow + i).values = values as ExcelJS.CellValue[];
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("cost lines from CSV", () => {
  it("reads the mapped columns, fills the scenario, and reads amounts and months in their usual spellings", async () => {
    const content = csv(`
Cost Pool,GL Account,Month,Amount (USD),Notes,Ignored
Internal Labor,6100 Salaries,2027-03,"1,234.56",March payroll,x
Licensing,,2027-03-15,(250.00),"Credit, vendor ""A""",
 Cloud Services ,6350 Cloud,2027-04-30T23:00:00Z,-0.5,,
Telecom,,2027-05,0.000000000001,,
`);
    const parsed = await parseImport({
      kind: "cost_lines",
      format: "csv",
      content,
      scenario: "Budget",
      mapping: {
        pool: "cost pool",
        account: "GL Account",
        period: "MONTH",
        amount: "Amount (USD)",
        description: "Notes",
      },
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.costLines).toEqual([
      {
        pool: "Internal Labor",
        account: "6100 Salaries",
        period: "2027-03",
        scenario: "Budget",
        amount: "1234.56",
        description: "March payroll",
      },
      {
        pool: "Licensing",
        period: "2027-03",
        scenario: "Budget",
        amount: "-250.00",
        description: 'Credit, vendor "A"',
      },
      {
        pool: "Cloud Services",
        account: "6350 Cloud",
        period: "2027-04",
        scenario: "Budget",
        amount: "-0.5",
      },
      { pool: "Telecom", period: "2027-05", scenario: "Budget", amount: "0.000000000001" },
    ]);
    expect(parsed.source.rowNumbers).toEqual([2, 3, 4, 5]);
    expect(parsed.source.columns.pool).toBe("Cost Pool");
  });

  it("finds columns by their own names regardless of case and spaces", async () => {
    const content = csv(`
 POOL ,Tower,Service,Consumer,Period,Scenario,AMOUNT
Staffing,Compute,Virtual Servers,Sales,2026-01,Actual,10
`);
    const parsed = await parseImport({ kind: "cost_lines", format: "csv", content });
    expect(parsed.costLines).toEqual([
      {
        pool: "Staffing",
        tower: "Compute",
        service: "Virtual Servers",
        consumer: "Sales",
        period: "2026-01",
        scenario: "Actual",
        amount: "10",
      },
    ]);
  });

  it("lists every bad row with its column and reason, also past a row with broken quoting", async () => {
    const content = csv(`
pool,period,scenario,amount
Staffing,2026-01,Actual,100
Staffing,2026-13,Actual,abc
"Staff"ing,2026-01,Actual,5
Hardware,03/2026,,"1234,56"
Hardware,2026-02-30,Actual,$5
,2026-02,Actual,1e5
Telecom,2026-02,Actual
Telecom,2026-02,Actual,5,Acme, Inc
Telecom,2026-02,Actual,123456789012345678901
Telecom,2026-02,Actual,0.1234567890123
Telecom,2026-02,Actual,7
`);
    const parsed = await parseImport({ kind: "cost_lines", format: "csv", content });
    expect(parsed.errors).toEqual([
      {
        row: 3,
        column: "period",
        reason: '"2026-13" is not a month: write it as YYYY-MM (2027-03) or as a date (2027-03-15)',
      },
      { row: 3, column: "amount", reason: '"abc" is not a number' },
      {
        row: 4,
        column: "",
        reason:
          'a quoted value is followed by other characters before the next comma; a quote inside a quoted value must be doubled ("")',
      },
      {
        row: 5,
        column: "period",
        reason: '"03/2026" is not a month: write it as YYYY-MM (2027-03) or as a date (2027-03-15)',
      },
      { row: 5, column: "scenario", reason: "the scenario is empty" },
      { row: 5, column: "amount", reason: '"1234,56" is not a number: use a point as the decimal separator' },
      { row: 6, column: "period", reason: '"2026-02-30" is not a date in the calendar' },
      { row: 6, column: "amount", reason: '"$5" is not a plain number: remove the currency sign' },
      { row: 7, column: "pool", reason: "the cost pool is empty" },
      {
        row: 7,
        column: "amount",
        reason:
          '"1e5" is in scientific notation, which may have lost digits: format the column as a number showing all its digits',
      },
      { row: 8, column: "", reason: "the row has 3 values, but the header has 4 columns" },
      {
        row: 9,
        column: "",
        reason:
          "the row has 6 values, but the header has 4 columns; a value that holds a comma must be in quotes",
      },
      {
        row: 10,
        column: "amount",
        reason: '"123456789012345678901" is too large (more than 20 digits before the decimal point)',
      },
      {
        row: 11,
        column: "amount",
        reason: '"0.1234567890123" has more than 12 decimal places; round it in the file',
      },
    ]);
    expect(parsed.costLines.map((l) => l.amount)).toEqual(["100", "7"]);
    expect(parsed.source.rowNumbers).toEqual([2, 12]);
  });

  it("reports a quote that is never closed on the row where it opens", async () => {
    const content = csv(
      'pool,period,scenario,amount\nStaffing,2026-01,Actual,1\nStaffing,"2026-01,Actual,2\nX,2026-01,Actual,3\n',
    );
    const parsed = await parseImport({ kind: "cost_lines", format: "csv", content });
    expect(parsed.errors).toEqual([
      {
        row: 3,
        column: "",
        reason:
          "a quoted value that starts on this row is never closed, so the rest of the file cannot be read",
      },
    ]);
  });

  it("counts rows as lines of the file, also after a value spanning lines and with Windows line ends", async () => {
    const content = csv(
      'pool,period,scenario,amount,description\r\nA,2026-01,Actual,1,"two\nlines"\r\nB,2026-01,Actual,x,\r\n',
    );
    const parsed = await parseImport({ kind: "cost_lines", format: "csv", content });
    expect(parsed.errors.map((e) => e.row)).toEqual([4]);
  });

  it("names the columns a file lacks and mapping entries that do not fit", async () => {
    const content = csv(`
pool,month,value,value
Staffing,2026-01,1,2
`);
    const parsed = await parseImport({
      kind: "cost_lines",
      format: "csv",
      content,
      mapping: { amount: "value", colour: "month", consumer: "Business Unit" },
    });
    expect(parsed.errors).toEqual([
      {
        row: 0,
        column: "colour",
        reason:
          'the mapping names "colour", which is not a field that can be mapped here; the fields are "pool", "account", "tower", "service", "consumer", "period", "scenario", "amount", "description"',
      },
      {
        row: 1,
        column: "Business Unit",
        reason: 'the mapping reads consumer from the column "Business Unit", but the file has no such column',
      },
      {
        row: 1,
        column: "period",
        reason: 'the file has no "period" column; add one or map a column to period',
      },
      {
        row: 1,
        column: "scenario",
        reason: 'the file has no "scenario" column; add one or map a column to scenario',
      },
      { row: 1, column: "value", reason: '2 columns are named "value"; rename all but one of them' },
    ]);
    expect(parsed.costLines).toEqual([]);
  });

  it("explains a file separated by semicolons, an empty file and one without data rows", async () => {
    const semicolons = await parseImport({
      kind: "cost_lines",
      format: "csv",
      content: csv("pool;period;scenario;amount\nA;2026-01;Actual;1\n"),
    });
    expect(semicolons.errors[0].reason).toContain("semicolons");
    const empty = await parseImport({ kind: "cost_lines", format: "csv", content: Buffer.alloc(0) });
    expect(empty.errors).toEqual([
      { row: 0, column: "", reason: "the file is empty: it needs a header row" },
    ]);
    const headerOnly = await parseImport({
      kind: "cost_lines",
      format: "csv",
      content: csv("pool,period,scenario,amount\n\n"),
    });
    expect(headerOnly.errors).toEqual([
      { row: 0, column: "", reason: "the file has a header row but no data rows" },
    ]);
  });
});

describe("driver quantities", () => {
  it("reads CSV with a mapping and refuses negative quantities", async () => {
    const content = csv(`
Driver,Business Unit,Month,Qty
Headcount,Sales,2026-01,850
Storage TB,Sales,2026-01,12.5
Headcount,Finance,2026-01,-3
`);
    const parsed = await parseImport({
      kind: "driver_quantities",
      format: "csv",
      content,
      scenario: "Actual",
      mapping: { member: "Business Unit", period: "Month", quantity: "Qty" },
    });
    expect(parsed.driverQuantities).toEqual([
      { driver: "Headcount", member: "Sales", period: "2026-01", scenario: "Actual", quantity: "850" },
      { driver: "Storage TB", member: "Sales", period: "2026-01", scenario: "Actual", quantity: "12.5" },
    ]);
    expect(parsed.errors).toEqual([
      {
        row: 4,
        column: "Qty",
        reason: "the quantity -3 is negative; driver quantities must be zero or more",
      },
    ]);
  });

  it("reads XLSX cells by type: numbers through their shortest text, dates to months, formulas by result", async () => {
    const content = await xlsx(
      [
        ["driver", "member", "period", "scenario", "quantity"],
        ["Servers", "E-Commerce", new Date(Date.UTC(2026, 2, 15)), "Budget", 420],
        ["Storage TB", "E-Commerce", "2026-03", "Budget", 0.1],
        ["Users", 4711, "2026-04-01", "Budget", { formula: "200+34", result: 234 }],
        [],
        ["Tickets", "Sales", 46082, "Budget", 0.1 + 0.2],
        ["Tickets", "Sales", "2026-05", "Budget", { error: "#N/A" }],
        ["Tickets", "Sales", "2026-05", "Budget", "12"],
      ],
      2,
    );
    const parsed = await parseImport({ kind: "driver_quantities", format: "xlsx", content });
    expect(parsed.driverQuantities).toEqual([
      { driver: "Servers", member: "E-Commerce", period: "2026-03", scenario: "Budget", quantity: "420" },
      { driver: "Storage TB", member: "E-Commerce", period: "2026-03", scenario: "Budget", quantity: "0.1" },
      { driver: "Users", member: "4711", period: "2026-04", scenario: "Budget", quantity: "234" },
      { driver: "Tickets", member: "Sales", period: "2026-05", scenario: "Budget", quantity: "12" },
    ]);
    expect(parsed.source.rowNumbers).toEqual([3, 4, 5, 9]);
    expect(parsed.errors).toEqual([
      {
        row: 7,
        column: "period",
        reason:
          "the cell holds the number 46082 where a month such as 2027-03 is expected; format the cell as a date",
      },
      {
        row: 7,
        column: "quantity",
        reason: "0.30000000000000004 has more than 12 decimal places; round it in the file",
      },
      { row: 8, column: "quantity", reason: "the cell shows the error #N/A" },
    ]);
  });
});

describe("cost lines from XLSX", () => {
  it("reads a workbook with a mapping and lists its bad rows", async () => {
    const content = await xlsx([
      ["Pool", "Account", "Period", "Amount", "Scenario"],
      ["Telecom", "6360 Telecommunications", new Date(Date.UTC(2027, 0, 1)), 1234.56, "Forecast"],
      ["Telecom", "6360 Telecommunications", "2027-02", "(1,000.10)", null],
      ["Telecom", null, true, 5, "Forecast"],
    ]);
    const parsed = await parseImport({ kind: "cost_lines", format: "xlsx", content, scenario: "Budget" });
    expect(parsed.costLines).toEqual([
      {
        pool: "Telecom",
        account: "6360 Telecommunications",
        period: "2027-01",
        scenario: "Forecast",
        amount: "1234.56",
      },
      {
        pool: "Telecom",
        account: "6360 Telecommunications",
        period: "2027-02",
        scenario: "Budget",
        amount: "-1000.10",
      },
    ]);
    expect(parsed.errors).toEqual([
      { row: 4, column: "Period", reason: "the cell holds TRUE where a month such as 2027-03 is expected" },
    ]);
  });

  it("refuses a file that is not a workbook", async () => {
    const parsed = await parseImport({ kind: "cost_lines", format: "xlsx", content: csv("pool,period\n") });
    expect(parsed.errors).toEqual([
      { row: 0, column: "", reason: "the file is not a readable Excel workbook (.xlsx)" },
    ]);
  });
});

describe("a header that cannot be read", () => {
  it("stops at the broken header instead of taking a data row for it", async () => {
    const content = csv('pool,"period"x,scenario,amount\nStaffing,2026-01,Actual,1\n');
    const parsed = await parseImport({ kind: "cost_lines", format: "csv", content });
    expect(parsed.errors.map((e) => e.row)).toEqual([1]);
    expect(parsed.costLines).toEqual([]);
  });
});
