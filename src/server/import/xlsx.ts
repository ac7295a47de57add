import ExcelJS from "exceljs";
import { type Cell, type Sheet, type SheetRow, toSheet } from "./sheet";
import type { RowError } from "./types";

function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object" || value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("hyperlink" in value) return value.text;
  if ("error" in value) return { error: value.error };
  if ("formula" in value || "sharedFormula" in value) return toCell(value.result ?? null);
  return null;
}

/** Reads the first worksheet of an XLSX workbook; cells keep their type (number, text, date). */
export async function readXlsx(content: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares a Buffer type of its own; it reads a Node Buffer
    await workbook.xlsx.load(content as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
  } catch {
    const errors: RowError[] = [
      { row: 0, column: "", reason: "the file is not a readable Excel workbook (.xlsx)" },
    ];
    return toSheet([], errors);
  }
  const worksheet = workbook.worksheets[0];
  if (!worksheet) {
    return toSheet([], [{ row: 0, column: "", reason: "the workbook has no worksheet" }]);
  }
  const rows: SheetRow[] = [];
  worksheet.eachRow((row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell((cell, column) => {
      cells[column - 1] = toCell(cell.value);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? null) });
  });
  return toSheet(rows, []);
}
