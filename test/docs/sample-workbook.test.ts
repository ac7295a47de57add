import ExcelJS from "exceljs";
import { FORMULAS } from "../../src/contract/formulas";
import { buildDemoModel } from "../../src/server/demo";
import { SAMPLE_WORKBOOK, buildSampleWorkbook } from "../../scripts/sample-workbook";

/** Every cell of every sheet as "Sheet!A1 = value or =formula". */
function cells(book: ExcelJS.Workbook): string[] {
  const all: string[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.value as ExcelJS.CellFormulaValue | ExcelJS.CellValue;
        const shown =
          value !== null && typeof value === "object" && "formula" in value
            ? `=${value.formula}`
            : String(value);
        all.push(`${sheet.name}!${cell.address} = ${shown}`);
      }),
    ),
  );
  return all;
}

describe("the sample workbook linked from the README", () => {
  let committed: ExcelJS.Workbook;
  beforeAll(async () => {
    committed = new ExcelJS.Workbook();
    await committed.xlsx.readFile(SAMPLE_WORKBOOK);
  });

  it("is what scripts/sample-workbook.ts builds", () => {
    expect(cells(committed)).toEqual(cells(buildSampleWorkbook()));
  });

  it("uses only ITFM functions the add-in defines", () => {
    const defined = new Set(FORMULAS.map((f) => f.name));
    const used = cells(committed).flatMap((c) => [...c.matchAll(/ITFM\.([A-Z]+)\(/g)].map((m) => m[1]));
    expect(used.length).toBeGreaterThan(30);
    expect(used.filter((name) => !defined.has(name))).toEqual([]);
  });

  it("names only members of the demo model", async () => {
    const [published] = await buildDemoModel();
    const names = (dimension: string) =>
      published.members.filter((m) => m.dimension === dimension).map((m) => m.name);
    const column = (sheet: string, from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) =>
        String(committed.getWorksheet(sheet)!.getCell(`A${from + i}`).value),
      );
    expect(names("tower")).toEqual(expect.arrayContaining([...column("Budget vs Actual", 5, 11), "Compute"]));
    expect(names("consumer")).toEqual(expect.arrayContaining(column("Showback", 5, 10)));
    expect(names("driver")).toContain("Headcount");
  });
});
